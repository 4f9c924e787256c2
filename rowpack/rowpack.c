/*
** rowpack(blob): a table-valued function that reads the rows rowpack.Rows packs, so
** that one bound blob inserts a page of rows with no per-value parsing:
**
**   INSERT INTO t (a, b) SELECT c0, c1 FROM rowpack(?) WHERE true
**
** The blob is a run of rows. A row is one byte, its column count (1 to ROWPACK_COLS),
** then that many values. A value is a tag byte: 0 NULL; 1 an integer, 8 bytes
** little-endian; 2 text, its length in 4 bytes little-endian and then its bytes.
** Columns c0..c15 past a row's count are NULL. A blob that breaks the format fails the
** statement with an error naming the row and byte; nothing is read past its end.
*/
#include <stdint.h>
#include <string.h>

#include "sqlite_abi.h"
#include "rowpack.h"

#define ROWPACK_COLS 16
#define COL_PACKED ROWPACK_COLS /* the hidden argument column */

enum { TAG_NULL = 0, TAG_INT = 1, TAG_TEXT = 2 };

typedef struct {
  sqlite3_vtab_cursor base;
  sqlite3_value *packed;      /* the cursor's own copy of the argument */
  const unsigned char *p;     /* its bytes */
  sqlite3_int64 n;            /* its size */
  sqlite3_int64 next;         /* offset of the row after the current one */
  sqlite3_int64 row;          /* the current row's number, from 0: its rowid */
  int eof;
  int ncols;                  /* the current row's values: */
  unsigned char tag[ROWPACK_COLS];
  sqlite3_int64 at[ROWPACK_COLS]; /* offset of the payload */
  int len[ROWPACK_COLS];          /* text length */
} cursor;

static int rowpackConnect(sqlite3 *db, void *aux, int argc, const char *const *argv,
                          sqlite3_vtab **out, char **err) {
  int rc = sqlite3_declare_vtab(db,
      "CREATE TABLE x(c0,c1,c2,c3,c4,c5,c6,c7,c8,c9,c10,c11,c12,c13,c14,c15,"
      "packed HIDDEN)");
  if (rc != SQLITE_OK) return rc;
  sqlite3_vtab *t = sqlite3_malloc(sizeof(*t));
  if (!t) return SQLITE_NOMEM;
  memset(t, 0, sizeof(*t));
  *out = t;
  return SQLITE_OK;
}

static int rowpackDisconnect(sqlite3_vtab *t) {
  sqlite3_free(t);
  return SQLITE_OK;
}

/* The only plan is the one with the blob: rowpack() without it has no rows to give. */
static int rowpackBestIndex(sqlite3_vtab *t, sqlite3_index_info *info) {
  for (int i = 0; i < info->nConstraint; i++) {
    const struct sqlite3_index_constraint *c = &info->aConstraint[i];
    if (c->iColumn == COL_PACKED && c->op == SQLITE_INDEX_CONSTRAINT_EQ && c->usable) {
      info->aConstraintUsage[i].argvIndex = 1;
      info->aConstraintUsage[i].omit = 1;
      info->idxNum = 1;
      info->estimatedCost = 1000;
      info->estimatedRows = 1000;
      return SQLITE_OK;
    }
  }
  return SQLITE_CONSTRAINT;
}

static int rowpackOpen(sqlite3_vtab *t, sqlite3_vtab_cursor **out) {
  cursor *c = sqlite3_malloc(sizeof(*c));
  if (!c) return SQLITE_NOMEM;
  memset(c, 0, sizeof(*c));
  *out = &c->base;
  return SQLITE_OK;
}

static int rowpackClose(sqlite3_vtab_cursor *base) {
  cursor *c = (cursor *)base;
  sqlite3_value_free(c->packed);
  sqlite3_free(c);
  return SQLITE_OK;
}

static uint32_t le32(const unsigned char *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static sqlite3_int64 le64(const unsigned char *p) {
  return (sqlite3_int64)((uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32);
}

static int malformed(cursor *c, sqlite3_int64 at, const char *why) {
  sqlite3_free(c->base.pVtab->zErrMsg);
  c->base.pVtab->zErrMsg =
      sqlite3_mprintf("rowpack: row %lld (counting from 1) malformed at byte %lld: %s",
                      c->row + 2, at, why);
  return SQLITE_ERROR;
}

/* rowpackNext reads the next row's values' places, checking each against the end. */
static int rowpackNext(sqlite3_vtab_cursor *base) {
  cursor *c = (cursor *)base;
  sqlite3_int64 pos = c->next;
  if (pos >= c->n) {
    c->eof = 1;
    return SQLITE_OK;
  }
  int ncols = c->p[pos++];
  if (ncols < 1 || ncols > ROWPACK_COLS) return malformed(c, pos - 1, "column count");
  for (int i = 0; i < ncols; i++) {
    if (pos >= c->n) return malformed(c, pos, "cut short");
    unsigned char tag = c->p[pos++];
    c->tag[i] = tag;
    c->at[i] = pos;
    switch (tag) {
    case TAG_NULL:
      break;
    case TAG_INT:
      if (c->n - pos < 8) return malformed(c, pos, "cut short");
      pos += 8;
      break;
    case TAG_TEXT: {
      if (c->n - pos < 4) return malformed(c, pos, "cut short");
      uint32_t len = le32(c->p + pos);
      pos += 4;
      if (len > INT32_MAX || (sqlite3_int64)len > c->n - pos) return malformed(c, pos - 4, "text length");
      c->at[i] = pos;
      c->len[i] = (int)len;
      pos += len;
      break;
    }
    default:
      return malformed(c, pos - 1, "value tag");
    }
  }
  c->ncols = ncols;
  c->next = pos;
  c->row++;
  return SQLITE_OK;
}

static int rowpackFilter(sqlite3_vtab_cursor *base, int idxNum, const char *idxStr,
                         int argc, sqlite3_value **argv) {
  cursor *c = (cursor *)base;
  sqlite3_value_free(c->packed);
  c->packed = 0;
  c->p = 0;
  c->n = c->next = 0;
  c->row = -1;
  c->eof = 0;
  c->ncols = 0;
  if (idxNum != 1 || argc != 1 || sqlite3_value_type(argv[0]) == SQLITE_NULL) {
    c->eof = 1;
    return SQLITE_OK;
  }
  if (sqlite3_value_type(argv[0]) != SQLITE_BLOB) {
    sqlite3_free(base->pVtab->zErrMsg);
    base->pVtab->zErrMsg = sqlite3_mprintf("rowpack: the argument is not a blob");
    return SQLITE_ERROR;
  }
  /* A copy: the argument's own memory is SQLite's to reuse while the rows are read. */
  c->packed = sqlite3_value_dup(argv[0]);
  if (!c->packed) return SQLITE_NOMEM;
  c->p = sqlite3_value_blob(c->packed);
  c->n = sqlite3_value_bytes(c->packed);
  return rowpackNext(base);
}

static int rowpackEof(sqlite3_vtab_cursor *base) {
  return ((cursor *)base)->eof;
}

static int rowpackColumn(sqlite3_vtab_cursor *base, sqlite3_context *ctx, int i) {
  cursor *c = (cursor *)base;
  if (i < 0 || i >= c->ncols) {
    sqlite3_result_null(ctx);
    return SQLITE_OK;
  }
  switch (c->tag[i]) {
  case TAG_INT:
    sqlite3_result_int64(ctx, le64(c->p + c->at[i]));
    break;
  case TAG_TEXT:
    sqlite3_result_text(ctx, (const char *)c->p + c->at[i], c->len[i], SQLITE_TRANSIENT);
    break;
  default:
    sqlite3_result_null(ctx);
  }
  return SQLITE_OK;
}

static int rowpackRowid(sqlite3_vtab_cursor *base, sqlite3_int64 *rowid) {
  *rowid = ((cursor *)base)->row;
  return SQLITE_OK;
}

/* Eponymous only (no xCreate): rowpack is used as a function, never created as a table. */
static const sqlite3_module rowpackModule = {
  .iVersion = 1,
  .xConnect = rowpackConnect,
  .xBestIndex = rowpackBestIndex,
  .xDisconnect = rowpackDisconnect,
  .xOpen = rowpackOpen,
  .xClose = rowpackClose,
  .xFilter = rowpackFilter,
  .xNext = rowpackNext,
  .xEof = rowpackEof,
  .xColumn = rowpackColumn,
  .xRowid = rowpackRowid,
};

static int rowpackInit(sqlite3 *db, char **err, const void *api) {
  return sqlite3_create_module(db, "rowpack", &rowpackModule, 0);
}

int rowpackRegister(void) {
  return sqlite3_auto_extension((void (*)(void))rowpackInit);
}

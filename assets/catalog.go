// Package assets holds what the kiosk shows that is data rather than code: the text
// catalogue in Chinese and English, and the colour palette the styles are built from.
package assets

import (
	"fmt"
	"sort"
)

// Lang is a catalogue language.
type Lang string

// The two languages of the counter.
const (
	Chinese Lang = "zh"
	English Lang = "en"
)

// ParseLang reads a config language; anything but "en" is Chinese, the counter's default.
func ParseLang(s string) Lang {
	if s == string(English) {
		return English
	}
	return Chinese
}

// Catalog looks up user-facing text by stable id in the current language. It is owned
// by the program's event loop: switch languages only from Update.
type Catalog struct {
	lang   Lang
	tables map[Lang]map[string]string
}

// NewCatalog returns the built-in catalogue in lang.
func NewCatalog(lang Lang) *Catalog {
	return &Catalog{lang: lang, tables: map[Lang]map[string]string{Chinese: zh(), English: en()}}
}

// Lang is the current language.
func (c *Catalog) Lang() Lang { return c.lang }

// SetLang switches the language.
func (c *Catalog) SetLang(l Lang) { c.lang = l }

// Toggle switches between Chinese and English.
func (c *Catalog) Toggle() {
	if c.lang == Chinese {
		c.lang = English
	} else {
		c.lang = Chinese
	}
}

// T returns the text for id in the current language.
func (c *Catalog) T(id string) string { return c.In(c.lang, id) }

// F formats the text for id with args (fmt verbs in the catalogue entry).
func (c *Catalog) F(id string, args ...any) string { return fmt.Sprintf(c.T(id), args...) }

// In returns the text for id in a given language, whatever the current one is (the
// too-small notice shows both). A missing id shows itself in brackets so that it is
// noticed on screen and in golden files rather than silently blank.
func (c *Catalog) In(l Lang, id string) string {
	if s, ok := c.tables[l][id]; ok {
		return s
	}
	return "[" + id + "]"
}

// Has reports whether id exists in language l.
func (c *Catalog) Has(l Lang, id string) bool {
	_, ok := c.tables[l][id]
	return ok
}

// IDs lists every id of language l, sorted.
func (c *Catalog) IDs(l Lang) []string {
	ids := make([]string, 0, len(c.tables[l]))
	for id := range c.tables[l] {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

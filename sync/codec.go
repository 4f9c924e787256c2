package sync

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"math/bits"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
	"unsafe"

	"onecard/domain"
)

// The documents of the record kinds a population is made of (person, permit, e-SSC,
// insurance registration, card, and the notices central sends holders) are encoded by
// central for every write and decoded by every kiosk for every pulled change; with
// encoding/json's reflection that was the largest CPU cost of seeding and of a first
// sync. This file encodes and decodes exactly those types by hand, producing byte for
// byte what encoding/json produces (codec_test.go checks it on generated populations)
// and reading what it reads.
//
// Safety: the hand codec only ever takes the common path. A document with anything it
// does not expect (an escape sequence, an unknown key, a nested value, a bad literal)
// is decoded by encoding/json instead, so errors and edge cases are encoding/json's.
// And a type whose JSON fields no longer match the list below (someone added a field
// to the domain type) is never handled by hand: fastTypes checks the field lists
// against reflection once, so a new field cannot be silently dropped.

// codecFields lists, per type, the JSON keys the hand codec writes and reads.
var codecFields = map[reflect.Type][]string{
	reflect.TypeFor[domain.Person](): {"id", "surname", "given_names", "chinese_name", "nationality", "sex",
		"birth_date", "passport_number", "passport_expiry", "pr_id", "region", "updated_at"},
	reflect.TypeFor[domain.WorkPermit](): {"number", "person_id", "category", "track", "employer_name",
		"employer_uscc", "position", "region", "valid_from", "valid_until", "status", "form", "updated_at"},
	reflect.TypeFor[domain.ESSC](): {"person_id", "permit_number", "ssn", "registered_at", "real_name",
		"authenticated_at", "updated_at"},
	reflect.TypeFor[domain.PhysicalCard](): {"person_id", "ssn", "state", "bank_branch", "photo_receipt",
		"applied_on", "updated_at"},
	reflect.TypeFor[domain.Notification](): {"id", "person_id", "kind", "text_zh", "text_en", "created_at"},
	reflect.TypeFor[domain.InsuranceRegistration](): {"id", "person_id", "permit_number", "registrant",
		"employer_uscc", "registered_on", "late", "exempt", "branch", "status", "reason", "updated_at"},
}

// fastTypes are the types whose current JSON fields are exactly codecFields'.
var fastTypes = func() map[reflect.Type]bool {
	ok := map[reflect.Type]bool{}
	for t, keys := range codecFields {
		ok[t] = strings.Join(jsonKeys(t), ",") == strings.Join(keys, ",")
	}
	return ok
}()

// jsonKeys lists a struct's JSON keys in field order, as encoding/json names them.
func jsonKeys(t reflect.Type) []string {
	var keys []string
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() || f.Anonymous {
			keys = append(keys, "?"+f.Name) // never matches: such a type stays with encoding/json
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		keys = append(keys, name)
	}
	return keys
}

// MarshalDoc encodes a record document as encoding/json.Marshal would.
func MarshalDoc(v any) ([]byte, error) {
	var b []byte
	ok := true
	switch d := v.(type) {
	case domain.Person:
		b, ok = appendPerson(make([]byte, 0, 320), d)
	case domain.WorkPermit:
		b, ok = appendPermit(make([]byte, 0, 384), d)
	case domain.ESSC:
		b, ok = appendESSC(make([]byte, 0, 256), d)
	case domain.PhysicalCard:
		b, ok = appendCard(make([]byte, 0, 256), d)
	case domain.InsuranceRegistration:
		b, ok = appendRegistration(make([]byte, 0, 320), d)
	case domain.Notification:
		b, ok = appendNotification(make([]byte, 0, 384), d)
	default:
		ok = false
	}
	if !ok || !fastTypes[reflect.TypeOf(v)] {
		return json.Marshal(v)
	}
	return b, nil
}

// enc appends one object's fields; ok turns false when a value needs encoding/json.
type enc struct {
	b     []byte
	ok    bool
	first bool
}

func (e *enc) key(k string) {
	if e.first {
		e.b = append(e.b, '{')
		e.first = false
	} else {
		e.b = append(e.b, ',')
	}
	e.b = append(e.b, '"')
	e.b = append(e.b, k...)
	e.b = append(e.b, '"', ':')
}

// str appends s if it needs no escaping (encoding/json also escapes <, > and & for
// HTML, and U+2028/U+2029): the ASCII names, numbers and codes of the population.
func (e *enc) str(k, s string) {
	e.key(k)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			e.ok = false
			return
		}
		if c >= utf8.RuneSelf {
			e.utf8(s)
			return
		}
	}
	e.b = append(e.b, '"')
	e.b = append(e.b, s...)
	e.b = append(e.b, '"')
}

// utf8 appends a string with non-ASCII characters (Chinese names, diacritics): valid
// UTF-8 is written as it is, like encoding/json; anything else goes to encoding/json.
func (e *enc) utf8(s string) {
	if !utf8.ValidString(s) || strings.ContainsAny(s, "\"\\<>&\u2028\u2029") {
		e.ok = false
		return
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 {
			e.ok = false
			return
		}
	}
	e.b = append(e.b, '"')
	e.b = append(e.b, s...)
	e.b = append(e.b, '"')
}

func (e *enc) int(k string, v int64) {
	e.key(k)
	e.b = strconv.AppendInt(e.b, v, 10)
}

func (e *enc) bool(k string, v bool) {
	e.key(k)
	e.b = strconv.AppendBool(e.b, v)
}

func (e *enc) date(k string, d domain.Date) {
	e.key(k)
	if d.IsZero() {
		e.b = append(e.b, "null"...)
		return
	}
	e.b = append(e.b, '"')
	e.b = d.AppendText(e.b)
	e.b = append(e.b, '"')
}

// time appends t as time.Time.MarshalJSON does (RFC 3339 with nanoseconds); years it
// refuses go to encoding/json for its error.
func (e *enc) time(k string, t time.Time) {
	e.key(k)
	if y := t.Year(); y < 0 || y > 9999 {
		e.ok = false
		return
	}
	e.b = append(e.b, '"')
	e.b = domain.AppendInstant(e.b, t)
	e.b = append(e.b, '"')
}

func (e *enc) end() ([]byte, bool) {
	return append(e.b, '}'), e.ok
}

func appendPerson(b []byte, p domain.Person) ([]byte, bool) {
	e := enc{b: b, ok: true, first: true}
	e.int("id", p.ID)
	e.str("surname", p.Surname)
	e.str("given_names", p.GivenNames)
	if p.ChineseName != "" {
		e.str("chinese_name", p.ChineseName)
	}
	e.str("nationality", p.Nationality)
	e.str("sex", string(p.Sex))
	e.date("birth_date", p.BirthDate)
	e.str("passport_number", p.PassportNumber)
	e.date("passport_expiry", p.PassportExpiry)
	if p.PRID != "" {
		e.str("pr_id", p.PRID)
	}
	e.str("region", p.Region)
	e.time("updated_at", p.UpdatedAt)
	return e.end()
}

func appendPermit(b []byte, p domain.WorkPermit) ([]byte, bool) {
	e := enc{b: b, ok: true, first: true}
	e.str("number", p.Number)
	e.int("person_id", p.PersonID)
	e.str("category", string(p.Category))
	e.str("track", string(p.Track))
	e.str("employer_name", p.EmployerName)
	e.str("employer_uscc", p.EmployerUSCC)
	e.str("position", p.Position)
	e.str("region", p.Region)
	e.date("valid_from", p.ValidFrom)
	e.date("valid_until", p.ValidUntil)
	e.str("status", string(p.Status))
	e.str("form", string(p.Form))
	e.time("updated_at", p.UpdatedAt)
	return e.end()
}

func appendESSC(b []byte, s domain.ESSC) ([]byte, bool) {
	e := enc{b: b, ok: true, first: true}
	e.int("person_id", s.PersonID)
	e.str("permit_number", s.PermitNumber)
	if s.SSN != "" {
		e.str("ssn", s.SSN)
	}
	if !s.RegisteredAt.IsZero() {
		e.time("registered_at", s.RegisteredAt)
	}
	e.str("real_name", string(s.RealName))
	if !s.AuthenticatedAt.IsZero() {
		e.time("authenticated_at", s.AuthenticatedAt)
	}
	e.time("updated_at", s.UpdatedAt)
	return e.end()
}

func appendCard(b []byte, c domain.PhysicalCard) ([]byte, bool) {
	e := enc{b: b, ok: true, first: true}
	e.int("person_id", c.PersonID)
	e.str("ssn", c.SSN)
	e.str("state", string(c.State))
	if c.BankBranch != "" {
		e.str("bank_branch", c.BankBranch)
	}
	if c.PhotoReceipt != "" {
		e.str("photo_receipt", c.PhotoReceipt)
	}
	e.date("applied_on", c.AppliedOn)
	e.time("updated_at", c.UpdatedAt)
	return e.end()
}

func appendRegistration(b []byte, r domain.InsuranceRegistration) ([]byte, bool) {
	e := enc{b: b, ok: true, first: true}
	e.str("id", r.ID)
	e.int("person_id", r.PersonID)
	e.str("permit_number", r.PermitNumber)
	e.str("registrant", string(r.Registrant))
	if r.EmployerUSCC != "" {
		e.str("employer_uscc", r.EmployerUSCC)
	}
	e.date("registered_on", r.RegisteredOn)
	e.bool("late", r.Late)
	if len(r.Exempt) > 0 {
		// A list is rare; encoding/json writes it (and decides its escaping).
		e.ok = false
	}
	e.str("branch", r.Branch)
	e.str("status", string(r.Status))
	if r.Reason != "" {
		e.str("reason", r.Reason)
	}
	e.time("updated_at", r.UpdatedAt)
	return e.end()
}

func appendNotification(b []byte, n domain.Notification) ([]byte, bool) {
	e := enc{b: b, ok: true, first: true}
	e.str("id", n.ID)
	e.int("person_id", n.PersonID)
	e.str("kind", n.Kind)
	e.str("text_zh", n.TextZH)
	e.str("text_en", n.TextEN)
	e.time("created_at", n.CreatedAt)
	return e.end()
}

// errSlow sends a document to encoding/json.
var errSlow = errors.New("not on the hand codec's path")

// UnmarshalDoc decodes a record document into v (a pointer) as json.Unmarshal would.
func UnmarshalDoc(doc []byte, v any) error {
	if decodeFast(string(doc), v) == nil {
		return nil
	}
	return json.Unmarshal(doc, v)
}

// decodeDoc decodes a record document's text as json.Unmarshal would, into a value that
// stays off the heap when the hand codec takes it: only encoding/json's path moves one
// there (decodeSlow).
func decodeDoc[T any](text string) (T, error) {
	var v T
	if decodeFast(text, &v) == nil {
		return v, nil
	}
	return decodeSlow[T](text)
}

func decodeSlow[T any](text string) (T, error) {
	var v T
	err := json.Unmarshal([]byte(text), &v)
	return v, err
}

// decodeFast is the hand codec's decoding of a document's text into v, which it does
// not keep; errSlow (or any error) leaves v alone and the document to encoding/json.
// Every string field is sliced out of text: no allocation per field, and the decoded
// strings share text's memory.
func decodeFast(text string, v any) error {
	err := errSlow
	if fastTypes[reflect.TypeOf(v).Elem()] {
		switch d := v.(type) {
		case *domain.Person:
			var p domain.Person
			if err = scanObject(text, (*personDoc)(&p).field); err == nil {
				*d = p
			}
		case *domain.WorkPermit:
			var p domain.WorkPermit
			if err = scanObject(text, (*permitDoc)(&p).field); err == nil {
				*d = p
			}
		case *domain.ESSC:
			var e domain.ESSC
			if err = scanObject(text, (*esscDoc)(&e).field); err == nil {
				*d = e
			}
		case *domain.PhysicalCard:
			var c domain.PhysicalCard
			if err = scanObject(text, (*cardDoc)(&c).field); err == nil {
				*d = c
			}
		case *domain.InsuranceRegistration:
			var r domain.InsuranceRegistration
			if err = scanObject(text, (*registrationDoc)(&r).field); err == nil {
				*d = r
			}
		case *domain.Notification:
			var n domain.Notification
			if err = scanObject(text, (*notificationDoc)(&n).field); err == nil {
				*d = n
			}
		}
	}
	return err
}

// value is one scanned JSON value: a string's content (no escapes in it), or the text
// of a number or literal.
type value struct {
	raw string // the value as written, quotes included
	str bool
}

func (v value) text() string {
	if v.str {
		return v.raw[1 : len(v.raw)-1]
	}
	return v.raw
}

func (v value) string() (string, error) {
	if !v.str {
		return "", errSlow
	}
	return v.text(), nil
}

func (v value) int() (int64, error) {
	if v.str {
		return 0, errSlow
	}
	n, err := strconv.ParseInt(v.raw, 10, 64)
	if err != nil {
		return 0, errSlow
	}
	return n, nil
}

func (v value) bool() (bool, error) {
	switch v.raw {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, errSlow
}

func (v value) date() (domain.Date, error) {
	if v.raw == "null" {
		return 0, nil
	}
	if !v.str {
		return 0, errSlow
	}
	if len(v.raw) == 2 {
		return 0, nil
	}
	d, err := domain.ParseDate(v.text())
	if err != nil {
		return 0, errSlow
	}
	return d, nil
}

func (v value) time() (time.Time, error) {
	var t time.Time
	if v.raw == "null" {
		return t, nil
	}
	if v.str {
		if t, ok := domain.ParseInstantUTC(v.text()); ok {
			return t, nil
		}
	}
	if err := t.UnmarshalJSON([]byte(v.raw)); err != nil {
		return t, errSlow
	}
	return t, nil
}

// scanObject walks a flat JSON object of strings without escapes, numbers and
// literals, calling field for each member; anything else is errSlow.
func scanObject(b string, field func(key string, v value) error) error {
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return errSlow
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return trailing(b, i+1)
	}
	for {
		k, j, ok := scanString(b, i)
		if !ok {
			return errSlow
		}
		j = skipSpace(b, j)
		if j >= len(b) || b[j] != ':' {
			return errSlow
		}
		j = skipSpace(b, j+1)
		var v value
		if j < len(b) && b[j] == '"' {
			_, end, ok := scanString(b, j)
			if !ok {
				return errSlow
			}
			v = value{raw: b[j:end], str: true}
			j = end
		} else {
			end := j
			for end < len(b) && (b[end] == '-' || b[end] == '+' || b[end] == '.' ||
				b[end] >= '0' && b[end] <= '9' || b[end] >= 'a' && b[end] <= 'z' || b[end] == 'E') {
				end++
			}
			if end == j {
				return errSlow // an array, an object or garbage
			}
			v = value{raw: b[j:end]}
			j = end
		}
		// encoding/json matches keys case-insensitively; the hand codec only knows the
		// exact ones and leaves every other key to it.
		if err := field(k, v); err != nil {
			return err
		}
		j = skipSpace(b, j)
		if j >= len(b) {
			return errSlow
		}
		if b[j] == '}' {
			return trailing(b, j+1)
		}
		if b[j] != ',' {
			return errSlow
		}
		i = skipSpace(b, j+1)
	}
}

func trailing(b string, i int) error {
	if skipSpace(b, i) != len(b) {
		return errSlow
	}
	return nil
}

func skipSpace(b string, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// scanString returns the content of the string at b[i] and the index after it; a string
// with an escape or a control character is not ok.
//
// It looks at eight bytes at a time (stringStops) and stops only where one needs a
// closer look: the closing quote, an escape, a control character, or (until one is
// met) a byte of a multi-byte character. Strings are most of a pulled line, and
// reading them a byte at a time was the largest part of decoding one.
func scanString(b string, i int) (string, int, bool) {
	if i >= len(b) || b[i] != '"' {
		return "", i, false
	}
	raw := unsafe.Slice(unsafe.StringData(b), len(b)) // b's bytes, only read
	ascii, high := true, uint64(hiBits)
	for j := i + 1; j < len(b); {
		if j+8 <= len(b) {
			stops := stringStops(binary.LittleEndian.Uint64(raw[j:]), high)
			if stops == 0 {
				j += 8
				continue
			}
			j += bits.TrailingZeros64(stops) / 8
		}
		switch c := b[j]; {
		case c == '"':
			if !ascii && !utf8.ValidString(b[i+1:j]) {
				return "", j, false // encoding/json replaces invalid bytes
			}
			return b[i+1 : j], j + 1, true
		case c == '\\' || c < 0x20:
			return "", j, false
		case c >= utf8.RuneSelf:
			ascii, high = false, 0 // validated as a whole at the end
		}
		j++
	}
	return "", len(b), false
}

const (
	loBits = 0x0101010101010101
	hiBits = 0x8080808080808080
)

// stringStops marks, in the high bit of each byte of x (eight bytes of a string, the
// first in the lowest), the bytes that are a quote, a backslash or below 0x20, and
// those of 0x80 and above if high is hiBits. Each test is the "has a zero byte" trick
// of Hacker's Delight 6-1 on x made zero where it matches; a borrow can mark a byte
// above a true match, never below one, so the lowest mark is always a true stop.
func stringStops(x, high uint64) uint64 {
	quote := x ^ (loBits * '"')
	slash := x ^ (loBits * '\\')
	return ((quote-loBits)&^quote | (slash-loBits)&^slash | (x-loBits*0x20)&^x | x&high) & hiBits
}

// setString and friends store a decoded value, keeping the first error.
func setString(dst *string, v value) error {
	s, err := v.string()
	*dst = s
	return err
}

func setInt(dst *int64, v value) error {
	n, err := v.int()
	*dst = n
	return err
}

func setDate(dst *domain.Date, v value) error {
	d, err := v.date()
	*dst = d
	return err
}

func setTime(dst *time.Time, v value) error {
	t, err := v.time()
	*dst = t
	return err
}

// setNamed stores a string into a named string type (domain.Sex, PermitStatus, ...).
func setNamed[T ~string](dst *T, v value) error {
	s, err := v.string()
	*dst = T(s)
	return err
}

type personDoc domain.Person

func (p *personDoc) field(k string, v value) error {
	switch k {
	case "id":
		return setInt(&p.ID, v)
	case "surname":
		return setString(&p.Surname, v)
	case "given_names":
		return setString(&p.GivenNames, v)
	case "chinese_name":
		return setString(&p.ChineseName, v)
	case "nationality":
		return setString(&p.Nationality, v)
	case "sex":
		return setNamed(&p.Sex, v)
	case "birth_date":
		return setDate(&p.BirthDate, v)
	case "passport_number":
		return setString(&p.PassportNumber, v)
	case "passport_expiry":
		return setDate(&p.PassportExpiry, v)
	case "pr_id":
		return setString(&p.PRID, v)
	case "region":
		return setString(&p.Region, v)
	case "updated_at":
		return setTime(&p.UpdatedAt, v)
	}
	return errSlow
}

type permitDoc domain.WorkPermit

func (p *permitDoc) field(k string, v value) error {
	switch k {
	case "number":
		return setString(&p.Number, v)
	case "person_id":
		return setInt(&p.PersonID, v)
	case "category":
		return setNamed(&p.Category, v)
	case "track":
		return setNamed(&p.Track, v)
	case "employer_name":
		return setString(&p.EmployerName, v)
	case "employer_uscc":
		return setString(&p.EmployerUSCC, v)
	case "position":
		return setString(&p.Position, v)
	case "region":
		return setString(&p.Region, v)
	case "valid_from":
		return setDate(&p.ValidFrom, v)
	case "valid_until":
		return setDate(&p.ValidUntil, v)
	case "status":
		return setNamed(&p.Status, v)
	case "form":
		return setNamed(&p.Form, v)
	case "updated_at":
		return setTime(&p.UpdatedAt, v)
	}
	return errSlow
}

type esscDoc domain.ESSC

func (e *esscDoc) field(k string, v value) error {
	switch k {
	case "person_id":
		return setInt(&e.PersonID, v)
	case "permit_number":
		return setString(&e.PermitNumber, v)
	case "ssn":
		return setString(&e.SSN, v)
	case "registered_at":
		return setTime(&e.RegisteredAt, v)
	case "real_name":
		return setNamed(&e.RealName, v)
	case "authenticated_at":
		return setTime(&e.AuthenticatedAt, v)
	case "updated_at":
		return setTime(&e.UpdatedAt, v)
	}
	return errSlow
}

type cardDoc domain.PhysicalCard

func (c *cardDoc) field(k string, v value) error {
	switch k {
	case "person_id":
		return setInt(&c.PersonID, v)
	case "ssn":
		return setString(&c.SSN, v)
	case "state":
		return setNamed(&c.State, v)
	case "bank_branch":
		return setString(&c.BankBranch, v)
	case "photo_receipt":
		return setString(&c.PhotoReceipt, v)
	case "applied_on":
		return setDate(&c.AppliedOn, v)
	case "updated_at":
		return setTime(&c.UpdatedAt, v)
	}
	return errSlow
}

type registrationDoc domain.InsuranceRegistration

func (r *registrationDoc) field(k string, v value) error {
	switch k {
	case "id":
		return setString(&r.ID, v)
	case "person_id":
		return setInt(&r.PersonID, v)
	case "permit_number":
		return setString(&r.PermitNumber, v)
	case "registrant":
		return setNamed(&r.Registrant, v)
	case "employer_uscc":
		return setString(&r.EmployerUSCC, v)
	case "registered_on":
		return setDate(&r.RegisteredOn, v)
	case "late":
		b, err := v.bool()
		r.Late = b
		return err
	case "branch":
		return setString(&r.Branch, v)
	case "status":
		return setNamed(&r.Status, v)
	case "reason":
		return setString(&r.Reason, v)
	}
	if k == "updated_at" {
		return setTime(&r.UpdatedAt, v)
	}
	// "exempt" is a list: encoding/json reads it.
	return errSlow
}

type notificationDoc domain.Notification

func (n *notificationDoc) field(k string, v value) error {
	switch k {
	case "id":
		return setString(&n.ID, v)
	case "person_id":
		return setInt(&n.PersonID, v)
	case "kind":
		return setString(&n.Kind, v)
	case "text_zh":
		return setString(&n.TextZH, v)
	case "text_en":
		return setString(&n.TextEN, v)
	case "created_at":
		return setTime(&n.CreatedAt, v)
	}
	return errSlow
}

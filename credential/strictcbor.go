package credential

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/fxamacker/cbor/v2"
)

// Sentinels for what the strict decoder rejects.
var (
	ErrMalformed    = errors.New("malformed payload")
	ErrNonCanonical = errors.New("CBOR is not in core deterministic encoding")
)

// codec holds the CBOR modes. Modes are immutable and safe for concurrent use; they
// are built per Verifier/Issuer rather than held in package variables.
type codec struct {
	enc cbor.EncMode
	dec cbor.DecMode
}

// newCodec builds the modes; maxArray bounds array lengths (a payload holds a handful
// of items, a trust bundle's revocation list many).
func newCodec(maxArray int) (codec, error) {
	enc, err := cbor.CoreDetEncOptions().EncMode()
	if err != nil {
		return codec{}, fmt.Errorf("cbor encode mode: %w", err)
	}
	dec, err := cbor.DecOptions{
		DupMapKey:         cbor.DupMapKeyEnforcedAPF,
		IndefLength:       cbor.IndefLengthForbidden,
		TagsMd:            cbor.TagsForbidden,
		ExtraReturnErrors: cbor.ExtraDecErrorUnknownField,
		UTF8:              cbor.UTF8RejectInvalid,
		MaxNestedLevels:   8,
		MaxArrayElements:  maxArray,
		MaxMapPairs:       64,
	}.DecMode()
	if err != nil {
		return codec{}, fmt.Errorf("cbor decode mode: %w", err)
	}
	return codec{enc: enc, dec: dec}, nil
}

// decode unmarshals data into v strictly (no duplicate keys, no indefinite lengths, no
// tags, no unknown fields, no trailing bytes) and then requires that data is exactly
// the core deterministic encoding of v, so a signed payload has a single byte form.
func (c codec) decode(data []byte, v any) error {
	if err := c.dec.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%w: cbor: %w", ErrMalformed, err)
	}
	again, err := c.enc.Marshal(v)
	if err != nil {
		return fmt.Errorf("%w: re-encode: %w", ErrMalformed, err)
	}
	if !bytes.Equal(again, data) {
		return ErrNonCanonical
	}
	return nil
}

func (c codec) encode(v any) ([]byte, error) {
	b, err := c.enc.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("cbor encode: %w", err)
	}
	return b, nil
}

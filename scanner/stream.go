package scanner

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"time"
)

// RawStream reads headerless grey frames of a fixed size from r, as written by
// `ffmpeg -f rawvideo -pix_fmt gray -` or a gst-launch pipeline ending in fdsink.
type RawStream struct {
	r             *bufio.Reader
	closer        io.Closer
	width, height int
}

// NewRawStream reads width x height grey frames from r; Close closes c when not nil.
func NewRawStream(r io.Reader, c io.Closer, width, height int) (*RawStream, error) {
	if err := (Frame{Width: width, Height: height}).checkSize(); err != nil {
		return nil, err
	}
	return &RawStream{r: bufio.NewReaderSize(r, 1<<16), closer: c, width: width, height: height}, nil
}

// ReadFrame reads the next whole frame; a partial frame at the end is io.EOF too,
// because a recording cut mid-frame has nothing more to decode. Cancelling ctx does not
// interrupt a blocked read by itself: the owner closes the stream (CommandFrames does so
// by killing the command).
func (s *RawStream) ReadFrame(ctx context.Context) (Frame, error) {
	if err := ctx.Err(); err != nil {
		return Frame{}, err
	}
	buf := make([]byte, s.width*s.height)
	if _, err := io.ReadFull(s.r, buf); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			err = io.EOF
		}
		if ctx.Err() != nil {
			return Frame{}, ctx.Err()
		}
		return Frame{}, err
	}
	return Frame{Y: buf, Width: s.width, Height: s.height, At: time.Now()}, nil
}

// Close closes the underlying input.
func (s *RawStream) Close() error {
	if s.closer == nil {
		return nil
	}
	return s.closer.Close()
}

// CommandFrames returns an opener for Pipeline that starts name with args and reads
// raw grey frames from its standard output.
func CommandFrames(width, height int, name string, args ...string) func(ctx context.Context) (FrameReader, error) {
	return func(ctx context.Context) (FrameReader, error) {
		cmd := exec.CommandContext(ctx, name, args...)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			return nil, err
		}
		if err := cmd.Start(); err != nil {
			return nil, fmt.Errorf("start %s: %w", name, err)
		}
		s, err := NewRawStream(stdout, &commandCloser{cmd: cmd}, width, height)
		if err != nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
			return nil, err
		}
		return s, nil
	}
}

// commandCloser stops the frame command and reaps it, so no zombie outlives the source.
type commandCloser struct{ cmd *exec.Cmd }

func (c *commandCloser) Close() error {
	_ = c.cmd.Process.Kill()
	err := c.cmd.Wait()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return nil // killed on purpose, or the command had finished its stream
	}
	return err
}

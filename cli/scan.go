package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"onecard/scanner"
)

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

// runScan decodes QR codes from image files, or prints codes from live sources (camera,
// raw grey stream command, serial scanner, evdev scanner) until interrupted.
func runScan(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "scan")
	var images stringList
	fs.Var(&images, "image", "image `FILE` to decode (repeatable; further arguments are images too)")
	camera := fs.String("camera", "", "V4L2 camera `DEVICE`, e.g. /dev/video0")
	size := fs.String("size", "1280x720", "camera resolution `WxH` to ask for")
	fps := fs.Int("fps", 30, "camera frame rate to ask for")
	command := fs.String("command", "", "shell `COMMAND` writing raw grey frames (ffmpeg -f rawvideo -pix_fmt gray -) to stdout; needs --size")
	serialDev := fs.String("serial", "", "serial scanner `DEVICE`, e.g. /dev/ttyACM0")
	baud := fs.Int("baud", 9600, "serial baud rate")
	term := fs.String("terminator", "cr", "serial code terminator: cr, lf, crlf or none")
	idle := fs.Duration("idle", 100*time.Millisecond, "serial quiet time that ends a code with --terminator none")
	evdev := fs.String("evdev", "", "scanner keyboard `DEVICE` to grab, e.g. /dev/input/event5")
	window := fs.Duration("window", scanner.DefaultWindow, "do not repeat the same camera code within this time")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if len(images) > 0 {
		return scanImages(ctx, env, append(images, fs.Args()...))
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected arguments %q (images need --image)", errUsage, fs.Args())
	}
	var sources []scanner.Source
	dec := scanner.NewDecoder(scanner.DecoderOptions{Budget: scanner.DefaultBudget})
	if *camera != "" || *command != "" {
		w, h, err := parseSize(*size)
		if err != nil {
			return err
		}
		if *camera != "" {
			p := scanner.Camera(scanner.CameraConfig{Device: *camera, Width: w, Height: h, FPS: *fps}, dec)
			p.Window = *window
			sources = append(sources, p)
		}
		if *command != "" {
			sources = append(sources, &scanner.Pipeline{
				Label:   "command",
				Open:    scanner.CommandFrames(w, h, "/bin/sh", "-c", *command),
				Decoder: dec,
				Window:  *window,
			})
		}
	}
	if *serialDev != "" {
		t, err := scanner.ParseTerminator(*term)
		if err != nil {
			return fmt.Errorf("%w: %v", errUsage, err)
		}
		sources = append(sources, scanner.NewSerial(scanner.SerialConfig{Device: *serialDev, Baud: *baud, Terminator: t, Idle: *idle}))
	}
	if *evdev != "" {
		sources = append(sources, &scanner.Evdev{Device: *evdev})
	}
	if len(sources) == 0 {
		return fmt.Errorf("%w: give --image, --camera, --command, --serial or --evdev", errUsage)
	}
	return scanLive(ctx, env, sources)
}

// scanImages prints every code of every image, one per line. An unreadable file is an
// error naming it; an image without a code is exit status 4. Both are reported only
// after every image has been tried, so one bad file does not hide the others' codes.
func scanImages(ctx context.Context, env Env, paths []string) error {
	dec := scanner.NewDecoder(scanner.DecoderOptions{Thorough: true})
	var unreadable, empty []string
	var firstErr error
	for _, path := range paths {
		f, err := scanner.LoadImage(path)
		if err != nil {
			fmt.Fprintf(env.Stderr, "onecard scan: %v\n", err)
			unreadable = append(unreadable, path)
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		codes, err := dec.Decode(ctx, f)
		if errors.Is(err, scanner.ErrNoCode) {
			empty = append(empty, path)
			continue
		}
		if err != nil {
			return fmt.Errorf("decode %s: %w", path, err)
		}
		for _, c := range codes {
			fmt.Fprintln(env.Stdout, c.Text)
		}
	}
	switch {
	case len(unreadable) == 1:
		return firstErr
	case len(unreadable) > 1:
		return fmt.Errorf("cannot read %d images: %s", len(unreadable), strings.Join(unreadable, ", "))
	case len(empty) > 0:
		return &ExitError{Code: 4, Err: fmt.Errorf("no QR code in %s", strings.Join(empty, ", "))}
	}
	return nil
}

// scanLive prints codes until ctx ends; status and errors go to stderr, since sources
// retry failed devices themselves.
func scanLive(ctx context.Context, env Env, sources []scanner.Source) error {
	for ev := range scanner.Merge(ctx, sources...) {
		switch ev.Kind {
		case scanner.KindCode:
			fmt.Fprintln(env.Stdout, ev.Payload)
		case scanner.KindStatus:
			fmt.Fprintf(env.Stderr, "onecard scan: %s: %s\n", ev.Source, ev.Payload)
		case scanner.KindError:
			fmt.Fprintf(env.Stderr, "onecard scan: %s: %v\n", ev.Source, ev.Err)
		}
	}
	return nil
}

func parseSize(s string) (int, int, error) {
	var w, h int
	if _, err := fmt.Sscanf(s, "%dx%d", &w, &h); err != nil || w <= 0 || h <= 0 {
		return 0, 0, fmt.Errorf("%w: size %q: want WIDTHxHEIGHT", errUsage, s)
	}
	return w, h, nil
}

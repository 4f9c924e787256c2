// Package scanner is the counter's eyes: it decodes QR codes from camera frames and image
// files, and reads handheld scanners (keyboard wedge, USB-COM serial, evdev keyboard).
//
// Every live source delivers the same Event on a channel, so the kiosk reads all of them
// with one tea.Cmd that waits for a single event. The package never imports UI code.
package scanner

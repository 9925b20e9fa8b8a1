package ui

import (
	"testing"
	"time"
)

// The tests close windows, and a test binary must not end 3 s later.
func init() { exitProcess = func(int) {} }

// TestAHungQuitEndsTheProcess: when the toolkit has not returned from
// quitting within the grace period, the process ends with success (the
// database was closed before); a quit that finishes first, and so stops
// the guard, ends nothing.
func TestAHungQuitEndsTheProcess(t *testing.T) {
	codes := make(chan int, 1)
	exitIfQuitHangs(10*time.Millisecond, func(code int) { codes <- code })
	select {
	case code := <-codes:
		if code != 0 {
			t.Errorf("exit code %d, want 0", code)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a hung quit did not end the process")
	}

	stopped := exitIfQuitHangs(50*time.Millisecond, func(code int) { codes <- code })
	stopped.Stop()
	select {
	case code := <-codes:
		t.Errorf("a stopped guard ended the process (code %d)", code)
	case <-time.After(200 * time.Millisecond):
	}
}

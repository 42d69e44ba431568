package main

import (
	"bufio"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nianbao/nianbao/internal/store"
)

// TestMain runs the program itself when the tests start it as a subprocess.
func TestMain(m *testing.M) {
	if os.Getenv("NIANBAO_TEST_MAIN") == "1" {
		main()
	}
	os.Exit(m.Run())
}

// TestSignalCancels: SIGTERM (as SIGINT) cancels the command, which stops, says
// so and exits 1, leaving nothing behind; here an import waiting for another's lock.
// Before, SIGTERM killed the process where it stood (its temporary files stayed).
func TestSignalCancels(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			data := t.TempDir()
			f, _ := store.Open(data)
			held, err := f.Lock(context.Background(), time.Now(), nil)
			if err != nil {
				t.Fatal(err)
			}
			defer held.Close()
			report, _ := filepath.Abs("../../internal/extract/testdata/corpus/seeds/001_f0fa1c2612b109d1.txt")
			cmd := exec.Command(os.Args[0], "import", "--data", data, report)
			cmd.Env = append(os.Environ(), "NIANBAO_TEST_MAIN=1")
			stderr, _ := cmd.StderrPipe()
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			lines := bufio.NewScanner(stderr)
			if !lines.Scan() || !strings.Contains(lines.Text(), "waiting for it to finish") {
				t.Fatalf("stderr: %q", lines.Text())
			}
			cmd.Process.Signal(sig)
			var rest []string
			for lines.Scan() {
				rest = append(rest, lines.Text())
			}
			err = cmd.Wait()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != 1 {
				t.Errorf("exit: %v", err)
			}
			if msg := strings.Join(rest, "\n"); !strings.Contains(msg, "interrupted") {
				t.Errorf("stderr after the signal: %q", msg)
			}
			ents, _ := os.ReadDir(filepath.Join(data, ".import"))
			if len(ents) != 1 {
				t.Errorf(".import holds %v", ents)
			}
		})
	}
}

// Command nianbao turns Chinese government bodies' annual reports on government
// information disclosure into normalized records and a static site.
//
// Run "nianbao --help" for the subcommands.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/nianbao/nianbao/internal/cli"
)

func main() {
	// The first SIGINT or SIGTERM cancels the command's context: it stops, removes its
	// temporary files and says what it did. A second one ends the program at once.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop()
	}()
	code := cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

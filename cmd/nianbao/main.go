// Command nianbao turns Chinese government bodies' annual reports on government
// information disclosure into normalized records and a static site.
//
// Run "nianbao --help" for the subcommands.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/nianbao/nianbao/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

package cli

import (
	"testing"
	"time"

	"github.com/nianbao/nianbao/internal/site"
)

// TestBuiltAt: SOURCE_DATE_EPOCH sets the day a build gives as its last; unset, it
// leaves it to the build (today); not a number of seconds, it is a usage error.
func TestBuiltAt(t *testing.T) {
	for _, c := range []struct {
		env  string
		want time.Time
		fail bool
	}{
		{"", time.Time{}, false},
		{"1764547200", time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC), false},
		{"yesterday", time.Time{}, true},
		{"-5", time.Time{}, true},
	} {
		t.Setenv("SOURCE_DATE_EPOCH", c.env)
		var opts site.Options
		err := builtAt("build", &opts)
		if (err != nil) != c.fail || !opts.Built.Equal(c.want) {
			t.Errorf("SOURCE_DATE_EPOCH=%q: built %v, error %v", c.env, opts.Built, err)
		}
	}
}

package cli

import (
	"fmt"
	"os"
	"strings"

	"github.com/nianbao/nianbao/internal/extract"
	"github.com/nianbao/nianbao/internal/importer"
	"github.com/nianbao/nianbao/internal/record"
	"github.com/spf13/cobra"
)

func newExtractCmd(e *env) *cobra.Command {
	var metaPath string
	var explain bool
	c := &cobra.Command{
		Use:   "extract [--meta META.toml] FILE | extract --explain PATH...",
		Short: "Print the record of one raw report (text, HTML, PDF or DOCX) as TOML",
		Long: `Extract reads one raw report (plain text, HTML, PDF or DOCX; UTF-8, GB18030, Big5
or UTF-16; simplified or traditional) and prints its record as TOML on stdout.

Values in META.toml, or in FILE.meta.toml beside FILE (FILE without its extension),
override what extraction infers: [agency] name, province, city, county,
division_code; [report] year, template, title, published; [source] url.

With --explain, extract prints instead, for each report (PATHs are files, or
folders searched as import does; FILE.meta.toml files are read with their
reports), one line saying how
completely it was read, without knowing its right figures: its template, the
figures read, each printed table's cells read of those it prints, identities
broken, cells left ambiguous; "sound" marks a report read completely whose tables
add up. A last line counts the sound reports.

Reading PDF needs pdftotext (Debian: apt-get install poppler-utils poppler-data).`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			if explain {
				return explainFiles(e, args, metaPath)
			}
			if len(args) != 1 {
				return fail(ExitUsage, "extract prints one record: give one FILE (or --explain)")
			}
			file := args[0]
			opts := extract.Options{}
			if metaPath == "" {
				metaPath = importer.MetaFor(file)
			}
			if metaPath != "" {
				m, err := importer.LoadMeta(metaPath, e.now())
				if err != nil {
					return fail(ExitFail, "%v", err)
				}
				opts.Meta = m
			}
			data, err := importer.ReadRaw(file)
			if err != nil {
				return fail(ExitFail, "%v", err)
			}
			res, err := extract.File(file, data, opts)
			if err != nil {
				return fail(ExitFail, "%v", err)
			}
			out, err := record.Encode(res.Record)
			if err != nil {
				return fail(ExitFail, "%s: %v", file, err)
			}
			_, err = e.stdout.Write(out)
			return err
		},
	}
	c.Flags().StringVar(&metaPath, "meta", "", "a TOML file whose values override what extraction infers")
	c.Flags().BoolVar(&explain, "explain", false, "say how completely each FILE was read, instead of printing its record")
	return c
}

// explainFiles prints how completely each file was read, and how many were sound.
func explainFiles(e *env, paths []string, metaPath string) error {
	sound, read := 0, 0
	files := importer.ReportFiles(paths)
	for _, l := range files {
		file := l.File
		if l.Fail != "" {
			fmt.Fprintf(e.stdout, "%s: not read: %s\n", file, l.Fail)
			continue
		}
		opts := extract.Options{}
		m := metaPath
		if m == "" {
			m = importer.MetaFor(file)
		}
		if m != "" {
			meta, err := extract.LoadMeta(m)
			if err != nil {
				fmt.Fprintf(e.stdout, "%s: %v\n", file, err)
				continue
			}
			opts.Meta = meta
		}
		data, err := importer.ReadRaw(file)
		if err == nil {
			var res *extract.Result
			if res, err = extract.File(file, data, opts); err == nil {
				x := extract.Explain(res.Record)
				read++
				if x.Sound() {
					sound++
				}
				fmt.Fprintf(e.stdout, "%s: %s\n", file, x)
				continue
			}
		}
		fmt.Fprintf(e.stdout, "%s: not read: %v\n", file, strings.TrimPrefix(err.Error(), file+": "))
	}
	fmt.Fprintf(e.stdout, "%d files, %d read as reports, %d sound (every printed table complete and adding up, nothing left unsettled)\n", len(files), read, sound)
	return nil
}

func newImportCmd(e *env) *cobra.Command {
	var dataDir string
	var jobs int
	c := &cobra.Command{
		Use:   "import [--data DIR] [-j N] PATH...",
		Short: "Extract raw reports into the data folder",
		Long: `Import extracts raw reports (files, or folders searched for .txt, .html, .htm, .pdf
and .docx files) into the data folder: the record at DIR/reports/<agency-slug>/<year>.toml,
the raw original at DIR/raw/<agency-slug>/<year>.<ext> and the normalized text its
provenance refers to at DIR/text/<agency-slug>/<year>.txt.

Each report is written as soon as it is extracted, so that a crash loses nothing
written before it, and so that a crash while writing leaves either its old files or
its new ones (the next import finishes an interrupted one). One import at a time
writes a data folder: a second one waits for the first (it says so). A record marked
reviewed = true is never overwritten; import says how the new extraction differs
instead. Importing the same file again gives the same bytes. FILE.meta.toml beside
a report overrides what extraction infers. Links are not followed: a symbolic link
given or found in a folder fails, as does a missing path or a folder with no report.

The exit status is 1 when any file failed.`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			tty := isTerminal(e.stderr)
			opts := importer.Options{DataDir: dataDir, Jobs: jobs, Now: e.now()}
			if tty {
				opts.Progress = func(done, total int, file string) {
					fmt.Fprintf(e.stderr, "\r\033[K[%d/%d] %s", done, total, file)
				}
			}
			opts.Waiting = func(holder string) {
				fmt.Fprintf(e.stderr, "nianbao: import: another import is writing %s (%s); waiting for it to finish\n", dataDir, holder)
			}
			sum, err := importer.Import(c.Context(), args, opts)
			if tty {
				fmt.Fprint(e.stderr, "\r\033[K")
			}
			for _, r := range sum.Results {
				switch r.Outcome {
				case importer.Failed:
					fmt.Fprintf(e.stdout, "%s: failed: %s\n", r.File, r.Reason)
				case importer.Skipped:
					fmt.Fprintf(e.stdout, "%s: skipped, %s is %s\n", r.File, r.Record, r.Reason)
				default:
					fmt.Fprintf(e.stdout, "%s: %s %s\n", r.File, r.Outcome, r.Record)
				}
			}
			if err != nil && len(sum.Results) == 0 {
				return fail(ExitFail, "import: %v", err)
			}
			fmt.Fprintf(e.stdout, "imported %d, unchanged %d, skipped (reviewed) %d, failed %d\n",
				sum.Counts[importer.Imported], sum.Counts[importer.Unchanged], sum.Counts[importer.Skipped], sum.Counts[importer.Failed])
			if err != nil {
				return fail(ExitFail, "import: %v", err)
			}
			if sum.Counts[importer.Failed] > 0 {
				return &exitError{code: ExitFail}
			}
			return nil
		},
	}
	dataFlag(c, &dataDir)
	c.Flags().IntVarP(&jobs, "jobs", "j", 0, "extract N files in parallel, keeping at most 2×N in memory (default: one per CPU)")
	return c
}

// isTerminal reports whether w is a terminal, for progress output.
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0 && !strings.EqualFold(os.Getenv("TERM"), "dumb")
}

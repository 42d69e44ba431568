package decode

import (
	"context"
)

// Shorthands for the tests: a reader, or normalize, with a decoder of its own
// (the default budget and deadline).

func testDecoder() *decoder { return newDecoder(context.Background(), Timeout) }

func readText(data []byte) (*page, error)        { return testDecoder().readText(data) }
func readHTML(data []byte) (*page, error)        { return testDecoder().readHTML(data) }
func parseHTML(text string) (*page, error)       { return testDecoder().parseHTML(text) }
func readDOCX(data []byte) (*page, error)        { return testDecoder().readDOCX(data) }
func readPDF(data []byte) (*page, error)         { return testDecoder().readPDF(data) }
func pipeTables(lines []string) ([]Table, error) { return testDecoder().pipeTables(lines) }

// normalize normalizes a page of the tests, which is within every budget.
func normalize(p *page) *Document {
	doc, err := testDecoder().normalize(p)
	if err != nil {
		panic(err)
	}
	return doc
}

func readPDFContext(ctx context.Context, data []byte) (*page, error) {
	return newDecoder(ctx, Timeout).readPDF(data)
}

// layoutPages lays out pages within the default budget, which the tests' pages
// keep to.
func layoutPages(pages []pageWords) ([]string, []Table) {
	lines, tables, err := defaultLayout().layout(testDecoder(), pages)
	if err != nil {
		panic(err)
	}
	return lines, tables
}

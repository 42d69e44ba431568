package store

// What a data folder may hold. Each limit is enforced in one place for every command
// that reads or writes the folder: import refuses to write past it, check reports a
// file past it as an error, and build refuses a folder that check refuses. README.md
// ("What a data folder may hold") lists them for people.
const (
	// MaxRecordBytes bounds a record file. A record is a few kilobytes; the largest
	// part, the narrative, is a part of the report's text, so twice the text limit
	// leaves room for the figures and provenance of any real report.
	MaxRecordBytes = 2 * MaxTextBytes

	// MaxRawBytes bounds a raw original (raw/<slug>/<year>.<ext>). Annual reports
	// are a few megabytes at most, scanned PDFs included; this is also what the
	// decoders read (decode.MaxSize).
	MaxRawBytes = 20 << 20

	// MaxTextBytes bounds a normalized text (text/<slug>/<year>.txt). The site puts
	// the text of a report on its page, so it must stay a size a browser shows.
	MaxTextBytes = 4 << 20

	// MaxNameRunes bounds an agency's name and its province, city and county. The
	// longest real names (中共某某自治县委员会办公室…) are under 40 characters.
	MaxNameRunes = 100

	// MaxTitleRunes bounds a report's title: a name, a year and 政府信息公开工作年度报告.
	MaxTitleRunes = 200
)

package record

// The thresholds of the checks beyond the templates' identities, in one place: the
// checks of this package and those extraction makes of a document (package extract
// reads them here). Each is a judgement about what looks implausible in a real
// report; content/checks.md explains them to readers.
const (
	// MinRateBase: a rate whose denominator (requests answered, cases concluded) is
	// below this is marked small, and shown with its counts: over fewer than 30 cases
	// one case moves it by more than three points.
	MinRateBase = 30

	// MaxYearRatio: a summary figure that is more than this many times the year
	// before's, or less than 1/MaxYearRatio of it, is implausible enough to check
	// (a figure read from the wrong column, a cumulative count, a lost digit).
	MaxYearRatio = 5
	// MinYearFigure: the year-over-year ratio is checked only when the figure is at
	// least this in one of the two years: small counts swing freely (2 → 11).
	MinYearFigure = 30

	// MaxReuseShare: a narrative more than this share of which (by characters)
	// repeats sentences of the agency's report of the year before is flagged as
	// 内容雷同.
	MaxReuseShare = 0.6
	// MinReuseRunes: a sentence shorter than this, once normalized, is not compared
	// ("一是加强组织领导", "无" repeat by nature): it counts on neither side.
	MinReuseRunes = 10
	// MinReuseText: a narrative with fewer compared runes than this is not flagged,
	// whatever its share: a short text of set phrases is not a copied report.
	MinReuseText = 200

	// MinSubstanceSentences: a section that must say something (存在的主要问题及改进
	// 情况) saying fewer sentences than this is thin: empty, "无", or one sentence.
	MinSubstanceSentences = 2
	// MaxNoneRunes: a section text this short or shorter, of one sentence with a
	// word of none, only says there is nothing ("本年度本机关无其他需要报告的事项。" is
	// 17 runes).
	MaxNoneRunes = 30

	// MaxLocatedKey bounds the key paths whose lines a record's problems are
	// reported with, in bytes. A record's keys are a few parts deep
	// ("proactive.licensing.decisions", provenance."requests.granted.total"); a
	// hostile file's may be millions, and mapping each of their ancestors to its line
	// took time that grew with the square of the depth. A deeper key is given the line
	// of its ancestor within the bound.
	MaxLocatedKey = 512
	// MaxNesting bounds how deep a record file's tables and arrays may nest. A
	// record's nest four deep at most ([[proactive.categories]] items); go-toml bounds
	// arrays and inline tables at 10,000 levels, but not dotted keys, and walking a
	// file of a million (a.a.a…) overflowed the stack.
	MaxNesting = 32
	// MaxKeys bounds the keys of a record file: every part of a key, table header
	// or inline table's key. The largest real record has about 1,500
	// (data/reports/ping-tan-zong-he-shi-yan-qu-guan-li-wei-yuan-hui/2019.toml,
	// most of them its [provenance]); go-toml's decoder takes time that grows with
	// the square of their number (shape.go), about 0.3 s at this bound.
	MaxKeys = 10_000
	// MaxProblems bounds the problems reported of one record file: a file of
	// something else, or a hostile one, can have thousands (a key each), which would
	// bury every other file's. Past it, a file's first MaxProblems are reported after
	// one that counts them all (Problems.Capped).
	MaxProblems = 20
)

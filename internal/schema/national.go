package schema

import "sync"

// proactiveCategoriesChart charts the proactive breakdown, where a report gives one.
var proactiveCategoriesChart = Chart{
	ID: "chart-proactive", Caption: "主动公开政府信息数量（按类别，条）", RowHeader: "类别", Style: HorizontalBars,
	CaptionEn: "Government information proactively disclosed (by category, items)", RowHeaderEn: "Category",
	List: "proactive.categories", Series: []ChartSeries{{Name: "条数", En: "Items"}},
}

// national is the set of the national templates, made once (it is read-only).
var national = sync.OnceValue(func() *Set {
	s, err := NewSet(template2008(), template2019(), template2021())
	if err != nil {
		panic(err) // the descriptions of this package are wrong: a test catches it
	}
	return s
})

// National returns the national templates, oldest first: the narrative format of the
// 2008 regulations, and the 2019 and 2021 table formats.
func National() *Set { return national() }

package record

// Summary holds the figures that compare reports across the three templates, derived
// as the contract's summary table says. A figure is nil when the record gives none of
// what it is derived from; a sum of several rows adds the rows that are present.
type Summary struct {
	Proactive        *int64 // 主动公开
	ProactiveApprox  bool   // the headline proactive figure is approximate ("13000余条")
	Received         *int64 // 收到申请
	Processed        *int64 // 办理总计 / 答复
	Granted          *int64 // 予以公开
	PartiallyGranted *int64 // 部分公开
	Denied           *int64 // 不予公开
	Unable           *int64 // 无法提供
	NotProcessed     *int64 // 不予处理
	Other            *int64 // 其他处理
	Reviews          *int64 // 行政复议
	Lawsuits         *int64 // 行政诉讼
}

// SummarySpec names one summary figure.
type SummarySpec struct {
	Key   string // stable key, used in data files and downloads
	Label string // zh-CN label
}

// SummaryFigures lists the summary figures in display order; Summary.Get takes their keys.
var SummaryFigures = []SummarySpec{
	{"proactive", "主动公开"},
	{"received", "收到申请"},
	{"processed", "办理总计"},
	{"granted", "予以公开"},
	{"partially_granted", "部分公开"},
	{"denied", "不予公开"},
	{"unable", "无法提供"},
	{"not_processed", "不予处理"},
	{"other", "其他处理"},
	{"reviews", "行政复议"},
	{"lawsuits", "行政诉讼"},
}

// Get returns the figure with the given SummaryFigures key, or nil.
func (s *Summary) Get(key string) *int64 {
	switch key {
	case "proactive":
		return s.Proactive
	case "received":
		return s.Received
	case "processed":
		return s.Processed
	case "granted":
		return s.Granted
	case "partially_granted":
		return s.PartiallyGranted
	case "denied":
		return s.Denied
	case "unable":
		return s.Unable
	case "not_processed":
		return s.NotProcessed
	case "other":
		return s.Other
	case "reviews":
		return s.Reviews
	case "lawsuits":
		return s.Lawsuits
	}
	return nil
}

// Summarize derives the summary figures of a record.
func Summarize(r *Record) Summary {
	var s Summary
	if p := r.Proactive; p != nil {
		s.Proactive = p.Total
		s.ProactiveApprox = p.TotalApprox != nil && *p.TotalApprox
	}
	if r.Report.Template == Template2008 {
		summarizeLegacy(r, &s)
		return s
	}
	if q := r.Requests; q != nil {
		total := func(key string) *int64 { return q.Row(key).Cell(6) }
		s.Received = total("new_received")
		s.Processed = total("total")
		s.Granted = total("granted")
		s.PartiallyGranted = total("partially_granted")
		var denied, unable, notProcessed, otherItems []*int64
		for _, spec := range RequestRows {
			switch spec.Group {
			case "denied":
				denied = append(denied, total(spec.Key))
			case "unable":
				unable = append(unable, total(spec.Key))
			case "not_processed":
				notProcessed = append(notProcessed, total(spec.Key))
			case "other":
				otherItems = append(otherItems, total(spec.Key))
			}
		}
		s.Denied = sumOrNil(denied...)
		s.Unable = sumOrNil(unable...)
		s.NotProcessed = sumOrNil(notProcessed...)
		s.Other = total("other")
		if s.Other == nil {
			s.Other = sumOrNil(otherItems...)
		}
	}
	if r.Review != nil {
		s.Reviews = r.Review.Total
	}
	var direct, after *int64
	if r.LitigationDirect != nil {
		direct = r.LitigationDirect.Total
	}
	if r.LitigationAfterReview != nil {
		after = r.LitigationAfterReview.Total
	}
	s.Lawsuits = sumOrNil(direct, after)
	return s
}

func summarizeLegacy(r *Record, s *Summary) {
	if lr := r.LegacyRequests; lr != nil {
		s.Received = lr.Received
		s.Processed = lr.Answered
		if o := lr.Outcomes; o != nil {
			s.Granted = o.Granted
			s.PartiallyGranted = o.PartiallyGranted
			s.Denied = o.Denied
			s.Unable = sumOrNil(o.NotHeld, o.NotExist)
			s.Other = sumOrNil(o.Clarify, o.OtherChannel)
		}
	}
	if lr := r.LegacyReview; lr != nil {
		s.Reviews = lr.Reviews
		s.Lawsuits = lr.Lawsuits
	}
}

func sumOrNil(xs ...*int64) *int64 {
	if sum, ok := sumPresent(xs...); ok {
		return &sum
	}
	return nil
}

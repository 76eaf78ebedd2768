package platforms

import (
	"strconv"

	"github.com/algosolidarity/toolkit/solidarity/events"
)

type eventsT = events.Events

func itoa(v int64) string { return strconv.FormatInt(v, 10) }

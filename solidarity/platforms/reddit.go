package platforms

import "strings"

// Reddit: Pushshift and Arctic Shift NDJSON dumps (one submission or
// comment per line, as the Reddit API returns them). A submission has an
// id and a title; a comment has link_id (t3_ + its submission) and
// parent_id (t3_ + the submission, or t1_ + the comment it answers).
// Usernames are Reddit's account ids (they cannot be changed). A record
// whose author is [deleted] or [removed] is skipped (deleted), and so is a
// reply to one (parent_deleted); a reply whose parent is not in the input
// is counted as unresolved_parent.

type redditRecord struct {
	ID         flexID   `json:"id"`
	Name       string   `json:"name"`
	Author     string   `json:"author"`
	CreatedUTC flexTime `json:"created_utc"`
	LinkID     string   `json:"link_id"`
	ParentID   string   `json:"parent_id"`
	Title      *string  `json:"title"`
	Selftext   string   `json:"selftext"`
	Body       string   `json:"body"`
	URL        string   `json:"url"`
	IsSelf     bool     `json:"is_self"`
}

// redditText is a submission's title and body; "[deleted]" and
// "[removed]" bodies are left out.
func redditText(r *redditRecord) string {
	var t string
	if r.Title != nil {
		t = *r.Title
	}
	if s := r.Selftext; s != "" && s != "[deleted]" && s != "[removed]" {
		t += "\n\n" + s
	}
	return t
}

func deletedAuthor(a string) bool {
	return a == "" || a == "[deleted]" || a == "[removed]"
}

func readReddit(path string, opt Options, c *collector) error {
	return eachJSON(path, opt, c, func(r *redditRecord, name string, line int) error {
		comment := r.ParentID != "" || r.LinkID != ""
		id := string(r.ID)
		if id == "" {
			c.skip(SkipMalformed)
			return nil
		}
		full := id
		if !strings.HasPrefix(id, "t1_") && !strings.HasPrefix(id, "t3_") {
			if comment {
				full = "t1_" + id
			} else {
				full = "t3_" + id
			}
		}
		if deletedAuthor(r.Author) {
			c.deleted[full] = true
			c.skip(SkipDeleted)
			return nil
		}
		if !r.CreatedUTC.Set {
			c.skip(SkipNoTime)
			return nil
		}
		t := r.CreatedUTC.T
		c.post(r.Author, full, t)
		if c.keepContent {
			switch {
			case comment:
				c.setContent(r.Body)
			case r.IsSelf || r.URL == "":
				c.setContent(redditText(r)) // a self post's url is its own page
			default:
				c.setContent(redditText(r), r.URL)
			}
		}
		if comment {
			parent := r.ParentID
			if parent == "" {
				parent = r.LinkID
			}
			c.addParent(r.Author, parent, "", Reply, t)
		}
		return nil
	})
}

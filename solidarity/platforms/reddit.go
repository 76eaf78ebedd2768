package platforms

import "strings"

// Reddit: Pushshift and Arctic Shift NDJSON dumps (one submission or
// comment per line, as the Reddit API returns them). A submission has an
// id and a title; a comment has link_id (t3_ + its submission) and
// parent_id (t3_ + the submission, or t1_ + the comment it answers).
// Usernames are Reddit's account ids (they cannot be changed). A record
// whose author is [deleted] or [removed] is skipped (deleted), and so is a
// reply to one (parent_deleted); a reply whose parent is not in the input
// is counted as unresolved_parent. A crosspost (a submission with
// crosspost_parent) is a post of its own, which gets its own comments, and a
// share of the submission it reposts, whose author is in
// crosspost_parent_list (or in the input).

type redditRecord struct {
	ID         flexID   `json:"id"`
	Name       string   `json:"name"`
	Author     string   `json:"author"`
	CreatedUTC flexTime `json:"created_utc"`
	LinkID     string   `json:"link_id"`
	ParentID   string   `json:"parent_id"`
	Title      *string  `json:"title"`
	// A crosspost: the submission it shares (t3_...) and, in the API's
	// crosspost_parent_list, that submission itself (its author).
	CrosspostParent     string `json:"crosspost_parent"`
	CrosspostParentList []struct {
		Author string `json:"author"`
	} `json:"crosspost_parent_list"`
	Selftext string `json:"selftext" platforms:"content"` // decoded only with Options.Content
	Body     string `json:"body" platforms:"content"`
	URL      string `json:"url" platforms:"content"`
	IsSelf   bool   `json:"is_self"`
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
			case r.IsSelf || r.URL == "" || r.CrosspostParent != "":
				// A self post's url is its own page, a crosspost's the
				// page of the submission it shares.
				c.setContent(redditText(r))
			default:
				c.setContent(redditText(r), r.URL)
			}
		}
		if cp := r.CrosspostParent; cp != "" && !comment {
			author := ""
			if len(r.CrosspostParentList) > 0 {
				author = r.CrosspostParentList[0].Author
				if deletedAuthor(author) {
					c.skip(SkipParentDeleted)
					return nil
				}
			}
			c.addParent(r.Author, cp, author, Share, t)
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

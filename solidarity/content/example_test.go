package content_test

import (
	"fmt"

	"github.com/algosolidarity/toolkit/solidarity/content"
)

func ExampleNormalizeURL() {
	for _, u := range []string{
		"http://www.Example.com:80/story/?utm_source=twitter&id=7#comments",
		"https://example.com/story?fbclid=IwAR0&id=7",
	} {
		n, _ := content.NormalizeURL(u)
		fmt.Println(n)
	}
	fmt.Println(content.Domain("https://news.bbc.co.uk/x"))
	// Output:
	// https://example.com/story?id=7
	// https://example.com/story?id=7
	// bbc.co.uk
}

func ExampleHashtags() {
	fmt.Println(content.Hashtags("Out today: #Strike #STRIKE #Straße, not C# or #1"))
	// Output: [strike strasse]
}

func ExampleNearDuplicates() {
	texts := []string{
		"Call your senator today and vote against the pipeline plan",
		"Call your senator today and vote against the pipeline scheme",
		"What a lovely morning for a long walk by the river",
	}
	d, _ := content.NearDuplicates(len(texts), func(i int) string { return texts[i] }, content.TextOptions{})
	fmt.Println(d.Group, d.Banding.Bands, d.Banding.Rows)
	// Output: [0 0 1] 25 5
}

// Package prose turns an article into text to read: HTML and Markdown
// lose their markup, page furniture (related-article lists, repost
// notices, runs of links) is set aside with a reason, and what is left is
// cut into sentences and clauses, in Chinese, English and mixed text.
// Everything is measured in byte ranges of the plain text.
package prose

package items

import "slices"

// Collapsed are the lanes a person collapsed, by key. They are kept
// across groupings, so that a lane collapsed by actor is collapsed again
// when the view goes back to actors.
type Collapsed map[string]bool

// CollapsedOf is the set of the lane keys given, as a view saved them.
func CollapsedOf(keys []string) Collapsed {
	c := make(Collapsed, len(keys))
	for _, k := range keys {
		c[k] = true
	}
	return c
}

// Set collapses the lane of key, or opens it again.
func (c Collapsed) Set(key string, collapsed bool) {
	if collapsed {
		c[key] = true
	} else {
		delete(c, key)
	}
}

// AddKeys appends to keys the collapsed lanes it does not hold yet: those
// of other groupings than the one shown.
func (c Collapsed) AddKeys(keys []string) []string {
	for k, collapsed := range c {
		if collapsed && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys
}

package pgstore

import "context"

// OpenAtVersion opens url like Open, but creates or upgrades its schema
// only up to version, as an older build would have left it.
func OpenAtVersion(ctx context.Context, url string, version int) (*Store, error) {
	config, err := parseConfig(url)
	if err != nil {
		return nil, err
	}
	return connect(ctx, config, version)
}

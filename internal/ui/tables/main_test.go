package tables

import (
	"testing"

	// Tests start under a C locale, as the app may.
	_ "github.com/hindsight-app/hindsight/internal/localefix"
	"github.com/hindsight-app/hindsight/internal/ui/uitest"
)

func TestMain(m *testing.M) { uitest.Main(m) }

package trace

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNormalize(t *testing.T) {
	got := Normalize([]string{
		"INSERT INTO `books` (`created_at`,`title`) VALUES ('2026-11-27 03:12:26.123',\"Dune\")",
		"SAVEPOINT sp4620418722601183241",
		"ROLLBACK TO SAVEPOINT sp13835601655430008073",
		"INSERT INTO `fees` (`amount`) VALUES (-5)  -- error: constraint failed: CHECK constraint failed: chk_fees_amount (275)",
	})
	assert.Equal(t, []string{
		"INSERT INTO `books` (`created_at`,`title`) VALUES ('<time>',\"Dune\")",
		"SAVEPOINT sp1",
		"ROLLBACK TO SAVEPOINT sp2",
		"INSERT INTO `fees` (`amount`) VALUES (-5)  -- error",
	}, got)
	assert.Nil(t, Normalize(nil), "no SQL reported stays unknown")
	assert.Equal(t, []string{}, Normalize([]string{}), "none sent stays none")
}

func TestEncodeIsStable(t *testing.T) {
	p := Phase{"TestB": {"SELECT 1", "SELECT 2"}, "TestA": nil}
	assert.Equal(t, "{\n  \"TestA\": [],\n  \"TestB\": [\n    \"SELECT 1\",\n    \"SELECT 2\"\n  ]\n}\n", string(p.Encode()))
}

func TestSameIgnoresMapOrder(t *testing.T) {
	a := []string{
		"CREATE TABLE `f` (`a` integer,PRIMARY KEY (`a`,`b`),CONSTRAINT `fk_x` FOREIGN KEY (`a`) REFERENCES `x`(`id`),CONSTRAINT `fk_y` FOREIGN KEY (`b`) REFERENCES `y`(`id`))",
		"SELECT 1", "SELECT 2",
	}
	b := []string{
		"CREATE TABLE `f` (`a` integer,PRIMARY KEY (`a`,`b`),CONSTRAINT `fk_y` FOREIGN KEY (`b`) REFERENCES `y`(`id`),CONSTRAINT `fk_x` FOREIGN KEY (`a`) REFERENCES `x`(`id`))",
		"SELECT 2", "SELECT 1",
	}
	assert.True(t, Same(a, b))
	assert.False(t, Same(a, []string{a[0], "SELECT 1", "SELECT 3"}))
	assert.True(t, Phase{"TestA": a}.Same(Phase{"TestA": b}))
	assert.False(t, Phase{"TestA": a}.Same(Phase{"TestB": a}))
}

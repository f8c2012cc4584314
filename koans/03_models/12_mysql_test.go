//go:build koans_mysql

package models

import (
	"database/sql"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	gormmysql "gorm.io/driver/mysql"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/gorm-koans/gorm-koans/fixtures"
	"github.com/gorm-koans/gorm-koans/fixtures/dbenv"
	"github.com/gorm-koans/gorm-koans/fixtures/dbenv/myreach"
)

// ReaderNote is a reader's word on a book: its text in MySQL's old three-byte
// utf8, its mood in utf8mb4.
type ReaderNote struct {
	ID   uint
	Text string `gorm:"type:varchar(100) CHARACTER SET utf8mb3"`
	Mood string `gorm:"size:100"`
}

// TestUtf8mb4HoldsWhatUtf8Cannot: MySQL's "utf8" is three bytes a character at most; an emoji needs utf8mb4.
//
// MySQL's utf8 (utf8mb3) stores at most three bytes a character, and most
// emoji and some CJK characters take four: in strict mode the INSERT is
// refused, error 1366 "Incorrect string value". utf8mb4 is real UTF-8, and
// the koans' databases use it (as the server's default now does). Four
// bytes a character is also where GORM's old varchar(191) comes from: an
// index key of InnoDB's old row format held 767 bytes, and 191 × 4 = 764.
// Today's limit is 3072 bytes (768 characters): past it MySQL refuses the
// index (error 1071) and MariaDB quietly indexes a prefix, so give every
// indexed string a size.
//
// Hint: LENGTH counts bytes, CHAR_LENGTH characters. 📚 is U+1F4DA.
//
// Database: mysql
// Docs: https://gorm.io/docs/connecting_to_the_database.html#MySQL
func TestUtf8mb4HoldsWhatUtf8Cannot(t *testing.T) {
	db, _ := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&ReaderNote{}))

	textErr := db.Create(&ReaderNote{Text: "Loved it 📚"}).Error
	mood := ReaderNote{Mood: "📚"}
	require.NoError(t, db.Create(&mood).Error)
	var bytes, chars int
	require.NoError(t, db.Raw("SELECT LENGTH(mood), CHAR_LENGTH(mood) FROM reader_notes WHERE id = ?", mood.ID).Row().Scan(&bytes, &chars))
	var refused *mysql.MySQLError
	errors.As(textErr, &refused)

	assert.Equal(t, __, refused != nil)      // was the emoji refused by the utf8mb3 column?
	assert.Equal(t, __, int(refused.Number)) // with which error number?
	assert.Equal(t, __, bytes)               // how many bytes does 📚 take in utf8mb4?
	assert.Equal(t, __, chars)               // how many characters?
}

// TestTableInUtf8mb4: on a MySQL database whose default is the old utf8, migrate a table that holds an emoji.
//
// CREATE TABLE without a character set takes its database's default, and
// many a MySQL database made before 8.0 defaults to utf8 — utf8mb3, three
// bytes a character, which refuses 📚 (error 1366). The koan's database is
// set up so below. Converting a database is a job of its own; a new table
// can say what it holds: GORM's MySQL migrator appends the
// gorm:table_options setting to its CREATE TABLE, and a column may name
// its character set in its type tag.
//
// Hint: keep the migration to GORM, and tell it what to add to CREATE
// TABLE. A Set on the chain before AutoMigrate carries it.
//
// Database: mysql
// Docs: https://gorm.io/docs/migration.html#Auto-Migration
func TestTableInUtf8mb4(t *testing.T) {
	db, queries := fixtures.Empty(t)
	require.NoError(t, db.Exec("ALTER DATABASE CHARACTER SET utf8mb3 COLLATE utf8mb3_general_ci").Error) // a database made on MySQL 5.7
	queries.Reset()

	// ✎ migrate Blurb into a table that holds 📚
	type Blurb struct {
		ID   uint
		Text string
	}
	require.NoError(t, db.AutoMigrate(&Blurb{}))
	// ✎ end

	queries.NoHandWritten(t)
	blurb := Blurb{Text: "A shelf of 📚"}
	require.NoError(t, db.Create(&blurb).Error, "the text column takes four-byte characters")
	var back Blurb
	require.NoError(t, db.First(&back, blurb.ID).Error)
	assert.Equal(t, "A shelf of 📚", back.Text)
	var charset string
	require.NoError(t, db.Raw("SELECT COALESCE(character_set_name, 'binary') FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'blurbs' AND column_name = 'text'").Scan(&charset).Error)
	assert.Equal(t, "utf8mb4", charset, "text, not bytes: compared and sorted as text")
}

// TestIndexAStringThatFits: on MySQL an index key holds 3072 bytes: size an indexed string so that it fits, and holds the longest value.
//
// utf8mb4 reserves four bytes a character, and an InnoDB index key holds
// 3072 bytes: 768 characters. A unique index on a longer string is
// refused on MySQL (error 1071, "Specified key was too long"); MariaDB
// builds it as a HASH index instead, which keeps values unique but serves
// no prefix search, no range, no order. The old advice, varchar(191), dates
// from 767-byte keys (191 × 4 = 764), and is too short for an e-mail
// address, which may run to 320 characters. An index on a prefix
// (length:191) fits, but is unique on the prefix only.
//
// Hint: keep the unique index; give the column the size its longest value
// needs, and no more than a key can hold.
//
// Database: mysql
// Docs: https://gorm.io/docs/indexes.html#Index-Tag
func TestIndexAStringThatFits(t *testing.T) {
	db, _ := fixtures.Empty(t, fixtures.WithConfig(func(c *gorm.Config) { c.TranslateError = true }))

	// ✎ members' e-mail addresses are unique, and up to 320 characters
	type Member struct {
		ID    uint
		Email string `gorm:"size:1024;uniqueIndex"`
	}
	// ✎ end
	require.NoError(t, db.AutoMigrate(&Member{}))

	assert.True(t, uniqueByTag(t, db, &Member{}, "Email"), "a unique index GORM knows of: a uniqueIndex tag")
	var index struct {
		IndexType string
		SubPart   *int
	}
	require.NoError(t, db.Raw("SELECT index_type, sub_part FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 'members' AND column_name = 'email'").Scan(&index).Error)
	assert.Equal(t, "BTREE", index.IndexType, "a B-tree: searched, ranged and read in order")
	assert.Nil(t, index.SubPart, "on the whole address, not a prefix of it")
	longest := strings.Repeat("a", 64) + "@" + strings.Repeat("b", 251) + ".com" // 320 characters
	require.NoError(t, db.Create(&Member{Email: longest}).Error, "the longest address fits")
	require.NoError(t, db.Create(&Member{Email: longest[:319] + "d"}).Error, "an address that differs in its last character is another address")
	assert.ErrorIs(t, db.Create(&Member{Email: longest}).Error, gorm.ErrDuplicatedKey, "the same address twice is refused")
}

// Lending is a book lent out: ReturnedAt stays empty until it comes back.
type Lending struct {
	ID         uint
	BookID     uint
	ReturnedAt time.Time
}

// TestZeroDatesAndParseTime: a time.Time cannot say "not yet": MySQL stores its zero as 0000-00-00, or refuses it; and without parseTime GORM cannot read a date at all.
//
// A time.Time always holds a time; its zero is 0001-01-01. The MySQL
// driver sends that zero as '0000-00-00', MySQL's "zero date": a server
// whose sql_mode has NO_ZERO_DATE and strict mode (MySQL 8's default)
// refuses it, error 1292 "Incorrect datetime value"; one without it
// (MariaDB's default, MySQL 5.6's) stores it. It is not NULL, so IS NULL
// does not find it, and with parseTime=true the driver reads it back as
// the zero time.Time, so Go never notices. Without parseTime=true in the
// DSN the driver hands a DATETIME over as bytes, and GORM cannot put bytes
// in a time.Time: "unsupported Scan, storing driver.Value type []uint8
// into type *time.Time".
//
// Hint: the first lending has no ReturnedAt. What reaches MySQL for it in
// each mode, and what does the driver make of it on the way back?
//
// Database: mysql
// Docs: https://gorm.io/docs/connecting_to_the_database.html#MySQL
func TestZeroDatesAndParseTime(t *testing.T) {
	db, _ := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&Lending{}))
	lent := []Lending{{BookID: 1}, {BookID: 2, ReturnedAt: time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)}}

	pinSQLMode(t, db, "STRICT_ALL_TABLES,NO_ZERO_DATE") // as MySQL 8 ships
	refused := db.Create(&lent).Error
	pinSQLMode(t, db, "STRICT_ALL_TABLES") // as MariaDB ships
	require.NoError(t, db.Create(&lent).Error)

	var notBack int64
	require.NoError(t, db.Model(&Lending{}).Where("returned_at IS NULL").Count(&notBack).Error)
	var first Lending
	require.NoError(t, db.First(&first, lent[0].ID).Error)
	readErr := withoutParseTime(t, db).First(&Lending{}, lent[1].ID).Error

	assert.Equal(t, __, refused != nil)          // with NO_ZERO_DATE, were the lendings refused?
	assert.Equal(t, __, int(notBack))            // without it: how many lendings does returned_at IS NULL find?
	assert.Equal(t, __, first.ReturnedAt.Year()) // the year in the first lending's ReturnedAt, read back?
	assert.Equal(t, __, readErr != nil)          // without parseTime, did reading the returned lending fail?
}

// TestNotReturnedIsNull: give a date that may be missing a type that can be NULL, so MySQL stores no zero date and IS NULL finds it.
//
// A lending not yet returned has no return date. A time.Time field cannot
// say so: GORM sends its zero, the driver writes '0000-00-00', and MySQL 8
// (NO_ZERO_DATE, strict, its default, set below) refuses the row, error
// 1292; a laxer server stores a zero date that IS NULL never finds. A
// field that can be nil — *time.Time, or sql.NullTime — is sent as NULL,
// and reads back as nil. A default:null tag only covers Create: Save
// writes every field, the zero time with them.
//
// Hint: change the field's type, not its tag, and say "returned" and "not
// returned" with it when you create the two lendings.
//
// Database: mysql
// Docs: https://gorm.io/docs/models.html#Fields-Tags
func TestNotReturnedIsNull(t *testing.T) {
	db, queries := fixtures.Empty(t)
	pinSQLMode(t, db, "STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE") // as MySQL 8 ships
	returned := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)

	// ✎ a lending that is not back has no return date
	type Loan struct {
		ID         uint
		BookID     uint
		ReturnedAt time.Time
	}
	require.NoError(t, db.AutoMigrate(&Loan{}))
	require.NoError(t, db.Create(&[]Loan{{BookID: 1}, {BookID: 2, ReturnedAt: returned}}).Error)
	// ✎ end

	queries.FromModel(t, "INSERT")
	var out Loan
	require.NoError(t, db.Where("book_id = ?", 1).First(&out).Error)
	require.NoError(t, db.Save(&out).Error, "Save writes every column, the return date too")
	var notBack, back []uint
	require.NoError(t, db.Model(&Loan{}).Where("returned_at IS NULL").Pluck("book_id", &notBack).Error)
	require.NoError(t, db.Model(&Loan{}).Where("returned_at = ?", returned).Pluck("book_id", &back).Error)
	assert.Equal(t, []uint{1}, notBack, "the lending of book 1 is not back: its return date is NULL")
	assert.Equal(t, []uint{2}, back, "book 2 came back on 1 May 2024")
}

// withoutParseTime opens a second pool on the koan's database, as the
// koans' server DSN would without parseTime=true: DATETIME values arrive
// as bytes.
func withoutParseTime(t *testing.T, db *gorm.DB) *gorm.DB {
	t.Helper()
	config, err := myreach.Parse(dbenv.DSNOf(dbenv.MySQL, os.Getenv))
	require.NoError(t, err)
	require.NoError(t, db.Raw("SELECT DATABASE()").Scan(&config.DBName).Error)
	config.ParseTime = false
	connector, err := mysql.NewConnector(config)
	require.NoError(t, err)
	pool := sql.OpenDB(connector)
	t.Cleanup(func() { pool.Close() })
	plain, err := gorm.Open(gormmysql.New(gormmysql.Config{Conn: pool}), &gorm.Config{Logger: logger.Discard})
	require.NoError(t, err)
	return plain
}

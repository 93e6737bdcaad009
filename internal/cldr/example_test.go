package cldr_test

import (
	"fmt"

	"github.com/kassel/wegweiser/internal/cldr"
)

func ExampleLanguageName() {
	for _, reader := range []string{"en", "de", "ru", "fa-AF"} {
		name, _ := cldr.LanguageName(reader, "prs")
		fmt.Println(reader, name)
	}
	// Output:
	// en Dari
	// de Dari
	// ru дари
	// fa-AF دری
}

func ExampleCapitalized() {
	name, _ := cldr.Capitalized("ru", "uk", cldr.UIListOrMenu)
	fmt.Println(name)
	// Output: Украинский
}

func ExampleJoin() {
	fmt.Println(cldr.Join("en", []string{"Kassel", "Baunatal", "Vellmar"}))
	fmt.Println(cldr.Join("de", []string{"Kassel", "Baunatal", "Vellmar"}))
	// Output:
	// Kassel, Baunatal, and Vellmar
	// Kassel, Baunatal und Vellmar
}

func ExampleDecimal() {
	fmt.Println(cldr.Decimal("de", 2.35, 1), cldr.Decimal("en", 1500, 0))
	// Output: 2,4 1,500
}

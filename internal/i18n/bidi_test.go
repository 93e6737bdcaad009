package i18n

import "testing"

func TestIsolateLTR(t *testing.T) {
	const L, P = lri, pdi
	cases := []struct{ in, want string }{
		{"اتصل على 116 016 مجانًا.", "اتصل على " + L + "116 016" + P + " مجانًا."},
		{"بالأمر /delete أحذفها", "بالأمر " + L + "/delete" + P + " أحذفها"},
		{"من 09:00–12:00 يوميًا", "من " + L + "09:00–12:00" + P + " يوميًا"},
		{"استشارة عبر mbeon.de.", "استشارة عبر " + L + "mbeon.de" + P + "."},
		{"مكتب Jugendmigrationsdienst (JMD) هنا", "مكتب " + L + "Jugendmigrationsdienst" + P + " (" + L + "JMD" + P + ") هنا"},
		{"الرقم " + L + "0561 123" + P + " و 5", "الرقم " + L + "0561 123" + P + " و " + L + "5" + P},
		{"اسم " + fsi + "Caritas Kassel" + P + " هنا", "اسم " + fsi + "Caritas Kassel" + P + " هنا"},
		{"no latin: مرحبا", "no latin: مرحبا"[0:0] + L + "no latin" + P + ": مرحبا"},
		{"عربي فقط", "عربي فقط"},
		{"https://www.bamf.de/x?y=1 متاح", L + "https://www.bamf.de/x?y=1" + P + " متاح"},
	}
	for _, c := range cases {
		if got := isolateLTR(c.in); got != c.want {
			t.Errorf("isolateLTR(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

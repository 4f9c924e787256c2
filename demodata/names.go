package demodata

// nationalityNames holds, per nationality, surnames and given names as printed in
// passports, with the diacritics, apostrophes and hyphens the MRZ must transliterate.
type nationalityNames struct {
	code     string // ISO 3166-1 alpha-3
	weight   int    // relative share of the foreign workforce in the demo
	surnames []string
	male     []string
	female   []string
	chinese  int // percent who also carry a Chinese name
}

func nationalities() []nationalityNames {
	return []nationalityNames{
		{"USA", 12, []string{"Smith", "Johnson", "Williams", "García", "Rodríguez", "O'Neil", "Nguyen", "Miller"},
			[]string{"Michael", "James", "D'Andre", "Robert", "John Paul"}, []string{"Sarah", "Emily", "Mary-Kate", "Jessica"}, 15},
		{"GBR", 7, []string{"Taylor", "Brown", "Wilson", "Evans", "Thompson", "Smith-Jones"},
			[]string{"Oliver", "Harry", "George William"}, []string{"Olivia", "Amelia", "Isla"}, 10},
		{"DEU", 8, []string{"Müller", "Schröder", "Weiß", "Groß", "Schäfer", "Köhler", "Müller-Lüdenscheidt", "Becker"},
			[]string{"Jürgen", "Lukas", "Hans Peter", "Jörg", "Maximilian"}, []string{"Anna", "Sophie", "Käthe", "Lena Marie"}, 8},
		{"FRA", 6, []string{"Lefèvre", "Dubois", "Moreau", "Girard", "D'Aubigné", "Bérenger"},
			[]string{"Jean-Luc", "François", "Étienne", "Louis"}, []string{"Amélie", "Hélène", "Chloé", "Anaïs"}, 8},
		{"JPN", 9, []string{"Satō", "Suzuki", "Takahashi", "Tanaka", "Itō", "Watanabe"},
			[]string{"Haruto", "Yūki", "Sōta", "Ren"}, []string{"Yui", "Hina", "Aoi", "Mei"}, 60},
		{"KOR", 9, []string{"Kim", "Lee", "Park", "Choi", "Jung"},
			[]string{"Min-jun", "Seo-jun", "Do-yun"}, []string{"Ji-woo", "Seo-yeon", "Ha-eun"}, 55},
		{"SGP", 4, []string{"Tan", "Lim", "Lee", "Ng", "Wong"},
			[]string{"Wei Ming", "Jun Jie", "Kai Wen"}, []string{"Hui Min", "Xin Yi", "Li Ting"}, 85},
		{"MYS", 3, []string{"Chong", "Teoh", "Abdullah", "Ooi"},
			[]string{"Kok Leong", "Ahmad Faiz"}, []string{"Siew Ling", "Nur Aisyah"}, 50},
		{"IRL", 2, []string{"O'Connor", "O'Sullivan", "Murphy", "Ó Briain", "Mac Giolla"},
			[]string{"Seán", "Cathal", "Pádraig"}, []string{"Siobhán", "Niamh", "Aoife"}, 5},
		{"ESP", 3, []string{"García", "Martínez", "Núñez", "Pérez", "Ibáñez"},
			[]string{"José", "Íñigo", "Álvaro"}, []string{"María José", "Lucía", "Begoña"}, 5},
		{"NOR", 1, []string{"Ørsted", "Åsheim", "Bjørnstad", "Hansen"},
			[]string{"Bjørn", "Ole Petter", "Håkon"}, []string{"Åse", "Ingrid", "Solveig"}, 3},
		{"DNK", 1, []string{"Kjærgaard", "Sørensen", "Nielsen"},
			[]string{"Søren", "Mads"}, []string{"Freja", "Ida"}, 3},
		{"SWE", 1, []string{"Eriksson", "Åström", "Lindqvist"},
			[]string{"Anders", "Björn"}, []string{"Anna Maria", "Märta"}, 3},
		{"POL", 2, []string{"Łukasiewicz", "Wójcik", "Kowalczyk", "Zieliński"},
			[]string{"Łukasz", "Paweł", "Grzegorz"}, []string{"Małgorzata", "Zofia"}, 3},
		{"ITA", 3, []string{"Rossi", "D'Angelo", "Esposito", "Bianchi"},
			[]string{"Giuseppe", "Niccolò", "Luca"}, []string{"Giulia", "Francesca"}, 5},
		{"BRA", 2, []string{"Gonçalves", "Araújo", "Silva", "Conceição"},
			[]string{"João", "Luís"}, []string{"Ana Luíza", "Fernanda"}, 3},
		{"TUR", 1, []string{"Yılmaz", "Şahin", "Öztürk", "Çelik"},
			[]string{"Gökhan", "Emre"}, []string{"Çağla", "Ayşe"}, 3},
		{"VNM", 3, []string{"Nguyễn", "Trần", "Lê", "Phạm"},
			[]string{"Văn Đức", "Minh Quân"}, []string{"Thị Hương", "Ngọc Anh"}, 20},
		{"RUS", 4, []string{"Ivanov", "Smirnov", "Kuznetsov", "Popov"},
			[]string{"Aleksandr", "Dmitrii"}, []string{"Ekaterina", "Anastasiia"}, 8},
		{"IND", 4, []string{"Sharma", "Patel", "Iyer", "Reddy"},
			[]string{"Rahul", "Arjun"}, []string{"Priya", "Ananya"}, 3},
		{"NGA", 2, []string{"Okafor", "Adeyemi", "Eze"},
			[]string{"Chinedu", "Oluwaseun"}, []string{"Ngozi", "Adaeze"}, 3},
		{"EGY", 1, []string{"El-Sayed", "Abdel-Rahman", "Hassan"},
			[]string{"Mohamed", "Omar"}, []string{"Fatma", "Nour"}, 3},
		{"CAN", 3, []string{"Tremblay", "Gagnon", "Roy", "MacDonald"},
			[]string{"Liam", "Noah"}, []string{"Charlotte", "Émilie"}, 10},
		{"AUS", 3, []string{"Smith", "Jones", "O'Brien", "Nguyen"},
			[]string{"Jack", "William"}, []string{"Matilda", "Zoë"}, 10},
		{"THA", 1, []string{"Saetang", "Srisuk", "Chaiyaphum"},
			[]string{"Somchai", "Anan"}, []string{"Siriporn", "Malee"}, 15},
	}
}

// chineseSurnames and chineseGivenChars build the Chinese names some holders carry.
var chineseSurnames = []string{"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "林", "马", "金", "朴", "高"}

var chineseGivenChars = []string{"伟", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平", "刚", "华", "克", "安", "德", "文"}

var employerWords = []string{"Bright Star", "Pacific", "Golden Bridge", "Harmony", "Orient", "Silk Road",
	"Blue Ocean", "Greenfield", "Summit", "Pioneer", "Lotus", "Phoenix", "Evergreen", "Jade", "Horizon"}

var employerKinds = []string{"Technology", "Trading", "Education", "Consulting", "Manufacturing",
	"Pharmaceutical", "Design", "Logistics", "Financial Services", "Engineering"}

var positions = []string{"Software Engineer", "Language Teacher", "Chief Representative", "Senior Consultant",
	"Product Manager", "Research Scientist", "Chef", "Architect", "Financial Analyst", "Sales Director", "Designer"}

// regions are the work-region codes (GB/T 2260) the demo population lives in.
func regions() []struct{ Code, Name string } {
	return []struct{ Code, Name string }{
		{"310000", "上海 Shanghai"}, {"110000", "北京 Beijing"}, {"440100", "广州 Guangzhou"},
		{"440300", "深圳 Shenzhen"}, {"320500", "苏州 Suzhou"}, {"510100", "成都 Chengdu"},
	}
}

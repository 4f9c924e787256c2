package identity

import "sort"

// isoAlpha3 lists the 249 current ISO 3166-1 alpha-3 codes, sorted, four characters per
// entry, so that a lookup is a binary search over a constant rather than a mutable map.
const isoAlpha3 = "" +
	"ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN " +
	"BES BFA BGD BGR BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN " +
	"CCK CHE CHL CHN CIV CMR COD COG COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE DEU " +
	"DJI DMA DNK DOM DZA ECU EGY ERI ESH ESP EST ETH FIN FJI FLK FRA FRO FSM GAB GBR " +
	"GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM GUY HKG HMD HND HRV " +
	"HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM " +
	"KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR MCO MDA " +
	"MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM " +
	"NCL NER NFK NGA NIC NIU NLD NOR NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL " +
	"PRI PRK PRT PRY PSE PYF QAT REU ROU RUS RWA SAU SDN SEN SGP SGS SHN SJM SLB SLE " +
	"SLV SMR SOM SPM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR TCA TCD TGO THA TJK " +
	"TKL TKM TLS TON TTO TUN TUR TUV TWN TZA UGA UKR UMI URY USA UZB VAT VCT VEN VGB " +
	"VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE "

// icaoExtraCodes are the codes ICAO 9303 part 3 adds to ISO 3166 for nationality and
// issuer fields, sorted: Germany's one-letter D (written D<< in the MRZ), the EU (EUE),
// the British nationality classes (GBD dependent territories citizen, GBN national
// overseas, GBO overseas citizen, GBP protected person, GBS subject), Kosovo (RKS),
// the United Nations (UNO organisation, UNA specialised agency, UNK Kosovo mission),
// other issuing organisations (XBA, XCC, XCO, XDC, XEC, XES, XIM, XMP, XOM, XPO), and
// XXA stateless, XXB refugee under the 1951 convention, XXC other refugee, XXX unspecified,
// and UTO, the fictional Utopia of ICAO's specimen documents, so specimens can be read.
const icaoExtraCodes = "" +
	"D<< EUE GBD GBN GBO GBP GBS RKS UNA UNK UNO UTO XBA XCC XCO XDC XEC XES XIM XMP " +
	"XOM XPO XXA XXB XXC XXX "

func inCodeTable(table, code string) bool {
	n := len(table) / 4
	i := sort.Search(n, func(i int) bool { return table[4*i:4*i+3] >= code })
	return i < n && table[4*i:4*i+3] == code
}

// ValidMRZCountry reports whether a three-character MRZ nationality or issuer field holds
// a code ICAO 9303 allows: an ISO 3166-1 alpha-3 code or one of ICAO's additions.
func ValidMRZCountry(field string) bool {
	return len(field) == 3 && (inCodeTable(isoAlpha3, field) || inCodeTable(icaoExtraCodes, field))
}

// MRZCountryAlpha3 maps an MRZ country field to the alpha-3 code the store keeps: D<< is
// Germany (DEU); every other valid code is used as written. ok is false for unknown codes.
func MRZCountryAlpha3(field string) (code string, ok bool) {
	if !ValidMRZCountry(field) {
		return "", false
	}
	if field == "D<<" {
		return "DEU", true
	}
	return field, true
}

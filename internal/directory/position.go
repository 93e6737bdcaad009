package directory

// MaxFromPostcodeKm is how far an office may lie from the centre of its postcode. Germany's
// largest postcode areas are some 20 km across; a position further off is a slip: latitude
// and longitude swapped (9.4797, 51.3127 lies in the Indian Ocean), a digit lost, another
// office's position copied.
const MaxFromPostcodeKm = 30

// Centre gives a postcode's centre (postcode.Places.Postcode), for checking that an office
// lies near its postcode. A nil Centre checks nothing.
type Centre func(postcode string) (lat, lon float64, ok bool)

// Check returns nil when o has no position, a postcode c does not know, or a position within
// MaxFromPostcodeKm of its postcode's centre. Otherwise it returns an Invalid (of latitude):
// "position_swapped" when latitude and longitude the other way round lie near, else
// "position_far".
func (c Centre) Check(o *Office) error {
	if c == nil || !o.HasPosition() {
		return nil
	}
	lat, lon, ok := c(o.Postcode)
	switch {
	case !ok || DistanceKm(lat, lon, *o.Latitude, *o.Longitude) <= MaxFromPostcodeKm:
		return nil
	case DistanceKm(lat, lon, *o.Longitude, *o.Latitude) <= MaxFromPostcodeKm:
		return invalid("position_swapped", "")
	}
	return invalid("position_far", "")
}

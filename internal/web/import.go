package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/staff"
)

// maxImport is the largest directory file the console takes.
const maxImport = 5 << 20

// importData is the import page: the upload form, the file's problems, or the changes it would
// make with the file kept in the form for applying them.
type importData struct {
	Problems []problemRow
	Plan     *directory.Plan
	Data     string // the checked file, base64, sent back with Apply
	Replace  bool
	Digest   string // of the plan shown: Apply refuses when the plan has changed since
	Changed  bool   // the directory changed between the check and Apply
	Result   string // what the import did
	Message  string // a message id about the upload itself
	// Latin1 says the file was not UTF-8 and was read as Windows-1252 (directory.DetectEncoding).
	Latin1 bool
}

type problemRow struct {
	Line           int
	Column, Reason string
	Value          string // the value refused, as the command line names it
}

// importForm shows the upload form.
func (s *Server) importForm(w http.ResponseWriter, r *http.Request, p *page) {
	p.Data = importData{}
	s.render(w, p, "import", http.StatusOK)
}

// importCheck validates an uploaded directory file with the import's rules and shows every
// problem by line and column, or the changes it would make (a dry run: nothing is applied).
func (s *Server) importCheck(w http.ResponseWriter, r *http.Request, p *page) {
	file, _, err := r.FormFile("file")
	if err != nil {
		s.importAgain(w, p, "web.import.no_file")
		return
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, maxImport+1))
	if err != nil || len(data) > maxImport {
		s.importAgain(w, p, "web.import.too_big")
		return
	}
	s.plan(w, r, p, data, r.PostFormValue("replace") != "", false)
}

// importAgain shows the upload form with a message about the upload.
func (s *Server) importAgain(w http.ResponseWriter, p *page, id string) {
	p.Data = importData{Message: id}
	s.render(w, p, "import", http.StatusBadRequest)
}

// plan shows the problems of a file or the changes it would make.
func (s *Server) plan(w http.ResponseWriter, r *http.Request, p *page, data []byte, replace, changed bool) {
	enc := directory.DetectEncoding(data)
	d := importData{Replace: replace, Changed: changed, Latin1: enc == directory.Windows1252}
	offices, err := directory.ReadCSVNear(bytes.NewReader(data), enc, s.opts.Near)
	var probs directory.Problems
	if errors.As(err, &probs) {
		for _, pr := range probs {
			d.Problems = append(d.Problems, problemRow{Line: pr.Line, Column: pr.Column, Reason: problemText(p, pr), Value: pr.Value})
		}
		p.Data = d
		s.render(w, p, "import", http.StatusUnprocessableEntity)
		return
	}
	if err != nil {
		s.internal(w, r, p, err)
		return
	}
	existing, err := s.opts.Store.Offices(r.Context(), true)
	if err != nil {
		s.internal(w, r, p, err)
		return
	}
	plan := directory.PlanImport(existing, offices, replace)
	d.Plan, d.Digest, d.Data = &plan, planDigest(&plan), base64.StdEncoding.EncodeToString(data)
	p.Data = d
	s.render(w, p, "import", http.StatusOK)
}

// importApply applies a checked file, if the changes are still those shown.
func (s *Server) importApply(w http.ResponseWriter, r *http.Request, p *page) {
	data, err := base64.StdEncoding.DecodeString(r.PostFormValue("data"))
	if err != nil || len(data) > maxImport {
		s.importAgain(w, p, "web.import.no_file")
		return
	}
	replace := r.PostFormValue("replace") != ""
	offices, err := directory.ReadCSVNear(bytes.NewReader(data), directory.DetectEncoding(data), s.opts.Near)
	if err != nil {
		s.plan(w, r, p, data, replace, false)
		return
	}
	existing, err := s.opts.Store.Offices(r.Context(), true)
	if err != nil {
		s.internal(w, r, p, err)
		return
	}
	if plan := directory.PlanImport(existing, offices, replace); planDigest(&plan) != r.PostFormValue("digest") {
		s.plan(w, r, p, data, replace, true)
		return
	}
	res, err := s.opts.Store.ImportOfficesAs(r.Context(), staff.ActorOf(p.Member), offices, replace)
	if err != nil {
		s.internal(w, r, p, err)
		return
	}
	p.Data = importData{Result: p.T("web.import.applied", "Inserted", res.Inserted, "Updated", res.Updated, "Archived", res.Archived)}
	s.render(w, p, "import", http.StatusOK)
}

// problemText explains a problem of the file in the reader's language (with the values it
// names, such as the keys a column may hold), or in the import's English for a problem
// without a code.
func problemText(p *page, pr directory.Problem) string {
	id := invalidID(pr.Code)
	if id == "not_allowed" {
		return pr.Message
	}
	kv := make([]any, 0, 2*len(pr.Args))
	for k, v := range pr.Args {
		kv = append(kv, k, v)
	}
	return p.Text(dialog.T("invalid."+id, kv...))
}

// planDigest fingerprints a plan, so that Apply applies only what was shown.
func planDigest(plan *directory.Plan) string {
	h := sha256.New()
	fmt.Fprintf(h, "%d\n", plan.Unchanged)
	for _, c := range plan.Changes {
		fmt.Fprintf(h, "%s %s %q\n", c.Action, c.ID, c.Name)
		for _, f := range c.Fields {
			fmt.Fprintf(h, "\t%s %q %q\n", f.Column, f.Old, f.New)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

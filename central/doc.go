// Package central is onecard's central system: the authoritative store of persons,
// permits, e-SSCs, SSNs, staff, issuer keys and revocations, the HTTPS API that branch
// terminals enroll with, pull changes from and push events to, and the jobs that import
// the work-management system's permit feed and remind holders of expiring permits.
//
// Everything central knows lives in its database (SQLite or PostgreSQL), including its
// CA and keys, so several instances can serve one PostgreSQL database.
package central

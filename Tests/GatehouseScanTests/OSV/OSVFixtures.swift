/// Hand-written OSV records shaped like the real ones of each source.
enum OSVFixtures {
    /// A Debian security advisory: `Debian:12`, an ECOSYSTEM range, no severity.
    static let debian = """
        {"id": "DSA-5678-1", "modified": "2024-05-01T00:00:00Z", "published": "2024-04-30T00:00:00Z",
         "aliases": ["CVE-2024-2961"], "summary": "glibc - security update",
         "affected": [{"package": {"ecosystem": "Debian:12", "name": "glibc", "purl": "pkg:deb/debian/glibc?arch=source"},
           "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.36-9+deb12u7"}]}],
           "database_specific": {"source": "https://salsa.debian.org/security-tracker-team/security-tracker/raw/master/data/DSA/list"}}]}
        """

    /// An Alpine secdb record: `Alpine:v3.19`, no severity.
    static let alpine = """
        {"id": "ALPINE-CVE-2023-5678", "modified": "2024-01-01T00:00:00Z", "aliases": ["CVE-2023-5678"],
         "details": "Generating excessively long X9.42 DH keys...",
         "affected": [{"package": {"ecosystem": "Alpine:v3.19", "name": "openssl"},
           "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "3.1.4-r1"}]}]}]}
        """

    /// A GitHub advisory for PyPI: a CVSS v3 vector and `database_specific.severity`.
    static let ghsa = """
        {"schema_version": "1.4.0", "id": "GHSA-jfhm-5ghh-2f97", "modified": "2024-02-16T00:00:00Z",
         "published": "2023-10-25T00:00:00Z", "aliases": ["CVE-2023-46136"], "summary": "Werkzeug DoS: High resource usage",
         "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"},
                      {"type": "CVSS_V4", "score": "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N"}],
         "affected": [{"package": {"ecosystem": "PyPI", "name": "Werkzeug", "purl": "pkg:pypi/werkzeug"},
           "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.3.8"},
                                                        {"introduced": "3.0.0"}, {"fixed": "3.0.1"}]}],
           "versions": ["2.3.7", "3.0.0"], "database_specific": {"last_known_affected_version_range": "<= 2.3.7"}}],
         "database_specific": {"cwe_ids": ["CWE-400"], "severity": "HIGH", "github_reviewed": true}}
        """

    /// A Go vulndb record: SEMVER ranges without `v`, `last_affected`.
    static let go = """
        {"id": "GO-2024-2687", "modified": "2024-04-04T00:00:00Z", "aliases": ["CVE-2023-45288", "GHSA-4v7x-pqxf-cx7m"],
         "summary": "HTTP/2 CONTINUATION flood in net/http",
         "affected": [{"package": {"ecosystem": "Go", "name": "golang.org/x/net"},
           "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "0.23.0"}]}],
           "ecosystem_specific": {"imports": [{"path": "golang.org/x/net/http2"}]}},
          {"package": {"ecosystem": "Go", "name": "example.com/mod"},
           "ranges": [{"type": "SEMVER", "events": [{"introduced": "1.2.0"}, {"last_affected": "1.4.1"}]}]}]}
        """

    /// An npm advisory with an `ecosystem_specific.severity` object that is not a string.
    static let npm = """
        {"id": "GHSA-r9p9-mrjm-926w", "modified": "2021-03-08T16:02:43Z", "aliases": ["CVE-2020-28498"],
         "affected": [{"package": {"ecosystem": "npm", "name": "elliptic"},
           "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "6.5.4"}]}],
           "ecosystem_specific": {"severity": {"nested": true}}}],
         "database_specific": {"severity": "MODERATE"}}
        """
}

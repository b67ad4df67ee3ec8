extension SPDXLicense {
    /// The SPDX licence identifiers this helper recognises: the most common ones in container
    /// images (Debian, Alpine, PyPI, npm, Go). Anything else is written as a `LicenseRef-`.
    public static let identifiers: Set<String> = [
        "0BSD", "AFL-2.1", "AFL-3.0", "AGPL-3.0-only", "AGPL-3.0-or-later", "Apache-1.0", "Apache-1.1",
        "Apache-2.0", "APSL-2.0", "Artistic-1.0", "Artistic-1.0-Perl", "Artistic-2.0", "BlueOak-1.0.0",
        "BSD-1-Clause", "BSD-2-Clause", "BSD-2-Clause-Patent", "BSD-3-Clause", "BSD-3-Clause-Clear",
        "BSD-4-Clause", "BSL-1.0", "bzip2-1.0.6", "CC-BY-3.0", "CC-BY-4.0", "CC-BY-SA-3.0", "CC-BY-SA-4.0",
        "CC0-1.0", "CDDL-1.0", "CDDL-1.1", "CPL-1.0", "curl", "ECL-2.0", "EPL-1.0", "EPL-2.0", "EUPL-1.1",
        "EUPL-1.2", "FTL", "GFDL-1.2-only", "GFDL-1.2-or-later", "GFDL-1.3-only", "GFDL-1.3-or-later",
        "GPL-1.0-only", "GPL-1.0-or-later", "GPL-2.0-only", "GPL-2.0-or-later", "GPL-3.0-only",
        "GPL-3.0-or-later", "HPND", "ICU", "IJG", "ISC", "LGPL-2.0-only", "LGPL-2.0-or-later", "LGPL-2.1-only",
        "LGPL-2.1-or-later", "LGPL-3.0-only", "LGPL-3.0-or-later", "Libpng", "libtiff", "MIT", "MIT-0",
        "MPL-1.1", "MPL-2.0", "MS-PL", "NCSA", "OFL-1.1", "OpenSSL",
        "PHP-3.01", "PostgreSQL", "PSF-2.0", "Python-2.0", "Ruby", "Sleepycat", "Unicode-DFS-2016",
        "Unicode-3.0", "Unlicense", "UPL-1.0", "Vim", "W3C", "WTFPL", "X11", "Zlib", "ZPL-2.1",
    ]

    /// The licence exceptions this helper recognises after `WITH`.
    public static let exceptions: Set<String> = [
        "Autoconf-exception-2.0", "Autoconf-exception-3.0", "Bison-exception-2.2", "Classpath-exception-2.0",
        "Font-exception-2.0", "GCC-exception-2.0", "GCC-exception-3.1", "Libtool-exception", "Linux-syscall-note",
        "LLVM-exception", "OCaml-LGPL-linking-exception", "WxWindows-exception-3.1",
    ]

    /// Deprecated SPDX identifiers and the short names Debian (DEP-5) and package metadata use,
    /// lower-cased, with the SPDX expression each one means.
    static let aliases: [String: String] = [
        "gpl-1": "GPL-1.0-only", "gpl-1+": "GPL-1.0-or-later", "gpl-1.0": "GPL-1.0-only",
        "gpl-1.0+": "GPL-1.0-or-later", "gpl-2": "GPL-2.0-only", "gpl-2+": "GPL-2.0-or-later",
        "gpl-2.0": "GPL-2.0-only", "gpl-2.0+": "GPL-2.0-or-later", "gpl-3": "GPL-3.0-only",
        "gpl-3+": "GPL-3.0-or-later", "gpl-3.0": "GPL-3.0-only", "gpl-3.0+": "GPL-3.0-or-later",
        "lgpl-2": "LGPL-2.0-only", "lgpl-2+": "LGPL-2.0-or-later", "lgpl-2.0": "LGPL-2.0-only",
        "lgpl-2.0+": "LGPL-2.0-or-later", "lgpl-2.1": "LGPL-2.1-only", "lgpl-2.1+": "LGPL-2.1-or-later",
        "lgpl-3": "LGPL-3.0-only", "lgpl-3+": "LGPL-3.0-or-later", "lgpl-3.0": "LGPL-3.0-only",
        "lgpl-3.0+": "LGPL-3.0-or-later", "agpl-3": "AGPL-3.0-only", "agpl-3+": "AGPL-3.0-or-later",
        "agpl-3.0": "AGPL-3.0-only", "agpl-3.0+": "AGPL-3.0-or-later", "gfdl-1.2": "GFDL-1.2-only",
        "gfdl-1.2+": "GFDL-1.2-or-later", "gfdl-1.3": "GFDL-1.3-only", "gfdl-1.3+": "GFDL-1.3-or-later",
        "expat": "MIT", "artistic": "Artistic-1.0", "apache-2": "Apache-2.0", "psf-2": "PSF-2.0",
        "mit license": "MIT", "the mit license": "MIT", "apache 2.0": "Apache-2.0",
        "apache license 2.0": "Apache-2.0", "apache license, version 2.0": "Apache-2.0",
        "apache software license 2.0": "Apache-2.0", "isc license": "ISC",
        "mozilla public license 2.0": "MPL-2.0",
        "gpl-2.0-with-classpath-exception":
            "GPL-2.0-only WITH Classpath-exception-2.0",
    ]

    /// Lower-cased identifier → its canonical spelling (identifiers match case-insensitively).
    static let canonical: [String: String] = Dictionary(
        uniqueKeysWithValues: identifiers.map { ($0.lowercased(), $0) })

    /// Lower-cased exception → its canonical spelling.
    static let canonicalExceptions: [String: String] = Dictionary(
        uniqueKeysWithValues: exceptions.map { ($0.lowercased(), $0) })
}

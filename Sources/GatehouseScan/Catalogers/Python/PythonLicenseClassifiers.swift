/// Maps trove `License ::` classifiers to SPDX identifiers for the common, unambiguous ones.
enum PythonLicenseClassifiers {
    /// The SPDX identifier for a classifier such as `License :: OSI Approved :: MIT License`, or nil when
    /// it is not a licence classifier or is ambiguous (`BSD License`, `GNU General Public License (GPL)`).
    static func spdx(forClassifier classifier: String) -> String? {
        let parts = classifier.split(separator: "::").map { ScanText.trim($0) }
        guard parts.first == "License", let last = parts.last else { return nil }
        return table[last]
    }

    private static let table: [String: String] = [
        "MIT License": "MIT",
        "MIT No Attribution License (MIT-0)": "MIT-0",
        "Apache Software License": "Apache-2.0",
        "ISC License (ISCL)": "ISC",
        "Python Software Foundation License": "PSF-2.0",
        "Mozilla Public License 2.0 (MPL 2.0)": "MPL-2.0",
        "Mozilla Public License 1.1 (MPL 1.1)": "MPL-1.1",
        "GNU General Public License v2 (GPLv2)": "GPL-2.0-only",
        "GNU General Public License v2 or later (GPLv2+)": "GPL-2.0-or-later",
        "GNU General Public License v3 (GPLv3)": "GPL-3.0-only",
        "GNU General Public License v3 or later (GPLv3+)": "GPL-3.0-or-later",
        "GNU Lesser General Public License v2 (LGPLv2)": "LGPL-2.0-only",
        "GNU Lesser General Public License v2 or later (LGPLv2+)": "LGPL-2.0-or-later",
        "GNU Lesser General Public License v3 (LGPLv3)": "LGPL-3.0-only",
        "GNU Lesser General Public License v3 or later (LGPLv3+)": "LGPL-3.0-or-later",
        "GNU Affero General Public License v3": "AGPL-3.0-only",
        "GNU Affero General Public License v3 or later (AGPLv3+)": "AGPL-3.0-or-later",
        "Eclipse Public License 1.0 (EPL-1.0)": "EPL-1.0",
        "Eclipse Public License 2.0 (EPL-2.0)": "EPL-2.0",
        "Boost Software License 1.0 (BSL-1.0)": "BSL-1.0",
        "The Unlicense (Unlicense)": "Unlicense",
        "Universal Permissive License (UPL)": "UPL-1.0",
        "Zero-Clause BSD (0BSD)": "0BSD",
        "CC0 1.0 Universal (CC0 1.0) Public Domain Dedication": "CC0-1.0",
        "European Union Public Licence 1.2 (EUPL 1.2)": "EUPL-1.2",
    ]
}

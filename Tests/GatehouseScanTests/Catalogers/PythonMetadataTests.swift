import GatehouseCore
import Testing

@testable import GatehouseScan

@Suite struct PythonMetadataTests {
    /// The head of Debian 12's `PyYAML-6.0.dist-info/METADATA`.
    static let pyyaml = """
        Metadata-Version: 2.1
        Name: PyYAML
        Version: 6.0
        Summary: YAML parser and emitter for Python
        License: MIT
        Classifier: Development Status :: 5 - Production/Stable
        Classifier: License :: OSI Approved :: MIT License
        Requires-Python: >=3.6
        License-File: LICENSE

        YAML is a data serialization format designed for human readability
        Name: NotAHeader
        """

    @Test func readsDistInfo() throws {
        let path = "usr/lib/python3/dist-packages/PyYAML-6.0.dist-info/METADATA"
        #expect(Catalogers.interest(path: path, mode: 0o644, size: 2000)?.cataloger == .python)
        let result = try Fixture.catalog(Self.pyyaml, path: path)
        let package = try #require(result.packages.first)
        #expect(package.name == "PyYAML")
        #expect(package.version == "6.0")
        #expect(package.purl == "pkg:pypi/pyyaml@6.0")
        #expect(package.licenses == ["MIT"])
        #expect(package.locations == [path])
    }

    @Test func prefersLicenseExpression() throws {
        let text = "Name: zope.interface\nVersion: 6.1\nLicense-Expression: ZPL-2.1\nLicense: Zope Public License\n"
        let result = try Fixture.catalog(text, path: "site-packages/zope.interface-6.1.dist-info/METADATA")
        #expect(result.packages.first?.licenses == ["ZPL-2.1"])
        #expect(result.packages.first?.purl == "pkg:pypi/zope-interface@6.1")
    }

    @Test func mapsClassifiersWhenLicenseIsLong() throws {
        let text = """
            Name: Some_Package
            Version: 1.0.post1
            License: Copyright (c) 2020 Somebody
                    Permission is hereby granted, free of charge, to any person obtaining a copy
            Classifier: License :: OSI Approved :: Apache Software License
            Classifier: License :: OSI Approved :: BSD License
            Classifier: License :: OSI Approved :: GNU General Public License v2 or later (GPLv2+)

            """
        let result = try Fixture.catalog(text, path: "x/Some_Package.egg-info/PKG-INFO")
        #expect(result.packages.first?.licenses == ["Apache-2.0", "GPL-2.0-or-later"])
        #expect(result.packages.first?.purl == "pkg:pypi/some-package@1.0.post1")
    }

    @Test func eggInfoFileAndDirectoryFallback() throws {
        let egg = "Metadata-Version: 1.1\nName: six\nVersion: 1.16.0\nLicense: UNKNOWN\n"
        let result = try Fixture.catalog(egg, path: "usr/lib/python3/dist-packages/six-1.16.0.egg-info")
        #expect(result.packages.first?.name == "six")
        #expect(result.packages.first?.licenses == [])
        let noName = try Fixture.catalog("Metadata-Version: 2.1\n", path: "sp/attrs-23.1.0.dist-info/METADATA")
        #expect(noName.packages.first?.purl == "pkg:pypi/attrs@23.1.0")
    }

    @Test func refusesMetadataWithoutNameAndVersion() {
        let error = Fixture.error(Fixture.bytes("Summary: nothing\n"), path: "x/foo.egg-info/PKG-INFO")
        #expect(error?.code == .scanInputInvalid)
        #expect(error?.message == "'x/foo.egg-info/PKG-INFO': no valid Name and Version headers")
    }
}

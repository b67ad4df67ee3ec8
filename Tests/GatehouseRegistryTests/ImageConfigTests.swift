import Foundation
import GatehouseCore
import Testing

@testable import GatehouseRegistry

/// Image configs as hostile input: only the fields Gatehouse runs with, each of the right type.
@Suite struct ImageConfigTests {
    @Test func theRunFieldsAreReadAndArgumentsReplaceCmd() throws {
        let json = #"""
            {"architecture":"amd64","os":"linux","config":{"User":"65534","Entrypoint":["/bin/tool","serve"],
             "Cmd":["--stdio"],"Env":["PATH=/bin","A=1","A=2","=bad","NOEQUALS"],"WorkingDir":"/srv"}}
            """#
        let config = try ImageConfig(json: Data(json.utf8))
        #expect(config.user == "65534" && config.workingDirectory == "/srv")
        #expect(config.command(arguments: []) == ["/bin/tool", "serve", "--stdio"])
        #expect(config.command(arguments: ["--port", "1"]) == ["/bin/tool", "serve", "--port", "1"])
        #expect(config.environmentValues == ["PATH": "/bin", "A": "2"])
    }

    @Test func missingAndNullFieldsAreEmpty() throws {
        #expect(try ImageConfig(json: Data(#"{"config":{"Entrypoint":null,"Cmd":null}}"#.utf8)) == ImageConfig())
        #expect(try ImageConfig(json: Data(#"{}"#.utf8)) == ImageConfig())
    }

    @Test(arguments: [
        #"[]"#, #"{"config":[]}"#, #"{"config":{"Cmd":"/bin/sh"}}"#, #"{"config":{"Env":[1]}}"#,
        #"{"config":{"User":0}}"#, "not json",
    ])
    func wrongShapesAreRefused(_ json: String) {
        #expect(throws: GatehouseError.self) { try ImageConfig(json: Data(json.utf8)) }
    }

    @Test func anOversizedConfigIsRefusedUnread() {
        let big = Data(repeating: 0x20, count: ImageConfig.maxBytes + 1)
        #expect(throws: GatehouseError.self) { try ImageConfig(json: big) }
    }
}

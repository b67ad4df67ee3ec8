import Testing

@testable import GatehouseMCP

@Suite struct PrivateKeyRuleTests {
    @Test(arguments: ["", "RSA ", "EC ", "DSA ", "OPENSSH ", "ENCRYPTED "])
    func pemBlocks(type: String) {
        let pem = Fake.pem(type)
        expectSingle("private-key", in: "key file:\n\(pem)\ntrailing text", covering: pem)
    }

    @Test func pgpPrivateKeyBlock() {
        let block =
            Fake.begin("PGP ", block: true) + "\n\n" + Fake.keyBody()
            + "\n-----END PGP PRIVATE KEY BLOCK-----"
        expectSingle("private-key", in: block + "\n", covering: block)
    }

    @Test func pemBlockWithJSONEscapedLineBreaks() {
        let pem = Fake.pem("RSA ", separator: "\\n")
        expectSingle("private-key", in: #"{"key": "\#(pem)\n"}"#, covering: pem)
    }

    @Test func truncatedPEMBlockCoversItsKeyMaterial() {
        let head = Fake.begin("RSA ") + "\n" + Fake.keyBody(lines: 3)
        expectSingle("private-key", in: head + "\n(output truncated)", covering: head)
        let encrypted =
            Fake.begin("RSA ") + "\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,"
            + Fake.string(32, from: Fake.lowerHex.uppercased(), seed: 51) + "\n\n" + Fake.keyBody(lines: 2)
        expectSingle("private-key", in: encrypted + "\"", covering: encrypted)
    }

    @Test func twoKeysAreTwoFindings() {
        let text = Fake.pem("EC ") + "\n\n" + Fake.pem("")
        #expect(scan(text).map(\.rule) == ["private-key", "private-key"])
    }

    @Test func publicKeysAndCertificatesAreNotSecrets() {
        expectClean("-----BEGIN PUBLIC KEY-----\n" + Fake.keyBody() + "\n-----END PUBLIC KEY-----")
        expectClean("-----BEGIN CERTIFICATE-----\n" + Fake.keyBody() + "\n-----END CERTIFICATE-----")
        expectClean("ssh-ed25519 " + Fake.string(68, from: Fake.base64, seed: 52) + " me@laptop")
    }
}

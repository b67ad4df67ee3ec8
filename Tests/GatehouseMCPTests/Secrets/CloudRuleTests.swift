import Testing

@testable import GatehouseMCP

@Suite struct CloudRuleTests {
    @Test(arguments: ["AKIA", "ASIA", "AGPA", "AIDA", "AROA"])
    func awsAccessKeyIDs(prefix: String) {
        let key = prefix + "IOSFODNN7EXAMPLE"
        expectSingle("aws-access-key-id", in: "aws_access_key_id = \(key)\n", covering: key)
        expectSingle("aws-access-key-id", in: #"{"AccessKeyId":"\#(key)"}"#, covering: key)
    }

    @Test func awsAccessKeyIDMustStandAlone() {
        expectClean("XAKIAIOSFODNN7EXAMPLE")  // part of a longer word
        expectClean("AKIAIOSFODNN7EXAMPLE1")  // 17 characters
        expectClean("AKIAIOSFODNN7EXAMPL")  // 15 characters
        expectClean("AKIAiosfodnn7example")  // lower case
    }

    @Test func awsSecretAccessKey() {
        let secret = Fake.awsSecret
        expectSingle("aws-secret-access-key", in: "aws_secret_access_key = \(secret)", covering: secret)
        expectSingle("aws-secret-access-key", in: "AWS_SECRET_ACCESS_KEY=\(secret)\n", covering: secret)
        expectSingle("aws-secret-access-key", in: #"{"SecretAccessKey": "\#(secret)"}"#, covering: secret)
        expectSingle(
            "aws-secret-access-key", in: "aws configure set aws_secret_access_key \(secret)", covering: secret)
    }

    @Test func awsSecretAccessKeyNeedsItsName() {
        let secret = Fake.awsSecret
        expectClean("value = \(secret)")
        // A git SHA assigned to a secret-ish name is still a SHA.
        expectClean("secret_commit = 3f786850e387550fdab836ed7e6dc881de23001b")
    }

    @Test func bothAWSHalvesInOneCredentialsFile() {
        let text = """
            [default]
            aws_access_key_id = AKIAIOSFODNN7EXAMPLE
            aws_secret_access_key = \(Fake.awsSecret)
            """
        #expect(scan(text).map(\.rule) == ["aws-access-key-id", "aws-secret-access-key"])
    }

    @Test func googleAPIKey() {
        let key = "AI" + "za" + Fake.string(35, from: Fake.base64URL, seed: 11)
        expectSingle("google-api-key", in: "https://maps.googleapis.com/maps/api/js?key=\(key)&v=3", covering: key)
    }

    @Test func gcpServiceAccountKeyFile() {
        let pem = Fake.pem("", separator: "\\n")
        let file = """
            {
              "type": "service_account",
              "project_id": "demo-project",
              "private_key_id": "3f786850e387550fdab836ed7e6dc881de23001b",
              "private_key": "\(pem)\\n",
              "client_email": "robot@demo-project.iam.gserviceaccount.com"
            }
            """
        expectSingle("gcp-service-account-key", in: file, covering: pem + "\\n")
    }

    @Test func gcpServiceAccountKeyFileEscapedInsideAString() {
        let pem = Fake.pem("", separator: "\\\\n")
        let text = #"{"content": "{\"type\": \"service_account\", \"private_key\": \"\#(pem)\", \"x\": 1}"}"#
        expectSingle("gcp-service-account-key", in: text, covering: pem)
    }

    @Test func privateKeyWithoutServiceAccountIsOnlyAPrivateKey() {
        let pem = Fake.pem("")
        let findings = scan(#"{"private_key": "\#(pem)"}"#)
        #expect(findings.map(\.rule) == ["private-key"])
    }

    @Test func azureStorageConnectionString() {
        let key = Fake.string(86, from: Fake.base64, seed: 12) + "=="
        let text =
            "DefaultEndpointsProtocol=https;AccountName=demo;AccountKey=\(key);EndpointSuffix=core.windows.net"
        expectSingle("azure-storage-account-key", in: text, covering: key)
    }

    @Test func azureSharedAccessKey() {
        let key = Fake.string(43, from: Fake.base64, seed: 13) + "="
        let text = "Endpoint=sb://demo.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=\(key)"
        expectSingle("azure-shared-access-key", in: text, covering: key)
    }

    @Test func azureSASSignature() {
        let sig = Fake.string(40, from: Fake.alnum, seed: 14) + "%2B" + "abc" + "%3D"
        let url =
            "https://demo.blob.core.windows.net/c/b.txt?sv=2022-11-02&ss=b&srt=o&sp=r&se=2030-01-01T00:00:00Z&sig=\(sig)"
        expectSingle("azure-sas-signature", in: url, covering: sig)
    }

    @Test func sigParameterWithoutSASContextIsNotReported() {
        expectClean("https://example.com/verify?sig=\(Fake.string(44, seed: 15))")
        expectClean("https://example.com/a?sv=2022-11-02&sig=short")
    }
}

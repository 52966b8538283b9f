import ArgumentParser

/// The options of the commands that call the S3 endpoint and its admin API (`user`, `kms`, `object`): where, and as whom.
struct ServerOptions: ParsableArguments {
    @OptionGroup var endpoints: EndpointOptions
    @OptionGroup var credentials: S3Credentials

    func client() throws -> ObslabClient {
        ObslabClient(s3: try credentials.client(endpoint: try endpoints.s3URL(legacy: .s3)))
    }
}

/// The `Condition` element: operators, the keys obslab's requests carry, and values checked for their type.
extension PolicyParser {
    /// The S3 condition keys a bucket policy may use (lower case); `aws:` global keys are all accepted.
    static let s3ConditionKeys: Set<String> = [
        "s3:prefix", "s3:delimiter", "s3:max-keys", "s3:versionid", "s3:x-amz-acl", "s3:x-amz-grant-read",
        "s3:x-amz-grant-write", "s3:x-amz-grant-read-acp", "s3:x-amz-grant-write-acp", "s3:x-amz-grant-full-control",
        "s3:x-amz-server-side-encryption", "s3:x-amz-server-side-encryption-aws-kms-key-id",
        "s3:x-amz-server-side-encryption-customer-algorithm", "s3:x-amz-copy-source", "s3:x-amz-metadata-directive",
        "s3:x-amz-storage-class", "s3:x-amz-content-sha256", "s3:signatureversion", "s3:signatureage", "s3:authtype",
        "s3:tlsversion", "s3:locationconstraint", "s3:resourceaccount", "s3:requestobjecttagkeys", "s3:object-lock-mode",
        "s3:object-lock-retain-until-date", "s3:object-lock-legal-hold", "s3:object-lock-remaining-retention-days",
        "s3:dataaccesspointarn", "s3:dataaccesspointaccount", "s3:accesspointnetworkorigin", "s3:objectownership",
        "s3:if-match", "s3:if-none-match",
    ]
    /// Keys with a tag name after the slash.
    static let s3ConditionKeyPrefixes = ["s3:existingobjecttag/", "s3:requestobjecttag/"]

    func conditions(_ json: PolicyJSON) throws(AccessControlError) -> [PolicyCondition] {
        guard case .object(let operators) = json else { throw .malformedPolicy("This policy contains invalid Json") }
        var conditions: [PolicyCondition] = []
        for (written, block) in operators.sorted(by: { $0.key < $1.key }) {
            var name = Substring(written)
            var qualifier: PolicyCondition.SetQualifier?
            if let colon = name.firstIndex(of: ":") {
                guard let parsed = PolicyCondition.SetQualifier(rawValue: String(name[..<colon])) else {
                    throw .malformedPolicy("Invalid Condition type : \(written)")
                }
                qualifier = parsed
                name = name[name.index(after: colon)...]
            }
            let ifExists = name.hasSuffix("IfExists") && name != "IfExists"
            if ifExists { name = name.dropLast("IfExists".count) }
            guard let comparison = PolicyCondition.Comparison(rawValue: String(name)), !(ifExists && comparison == .null) else {
                throw .malformedPolicy("Invalid Condition type : \(written)")
            }
            guard case .object(let keys) = block, !keys.isEmpty else { throw .malformedPolicy("This policy contains invalid Json") }
            for (key, value) in keys.sorted(by: { $0.key < $1.key }) {
                try checkConditionKey(key)
                guard let values = value.scalarList, !values.isEmpty else { throw .malformedPolicy("This policy contains invalid Json") }
                try checkConditionValues(values, comparison)
                conditions.append(
                    PolicyCondition(
                        operatorName: written,
                        comparison: comparison,
                        ifExists: ifExists,
                        qualifier: qualifier,
                        key: key,
                        values: values,
                        usesVariables: usesVariables
                    )
                )
            }
        }
        return conditions
    }

    private func checkConditionKey(_ key: String) throws(AccessControlError) {
        let lowered = key.lowercased()
        if lowered.hasPrefix("aws:") && lowered.count > 4 { return }
        if Self.s3ConditionKeys.contains(lowered) { return }
        if Self.s3ConditionKeyPrefixes.contains(where: { lowered.hasPrefix($0) && lowered.count > $0.count }) { return }
        throw .malformedPolicy("Policy has an invalid condition key")
    }

    private func checkConditionValues(_ values: [String], _ comparison: PolicyCondition.Comparison) throws(AccessControlError) {
        for value in values {
            let valid: Bool =
                switch comparison.positive {
                case .ipAddress: IPAddressRange(value) != nil
                case .bool, .null: ["true", "false"].contains(value.lowercased())
                case .numericEquals, .numericLessThan, .numericLessThanEquals, .numericGreaterThan, .numericGreaterThanEquals:
                    Double(value) != nil
                case .dateEquals, .dateLessThan, .dateLessThanEquals, .dateGreaterThan, .dateGreaterThanEquals:
                    PolicyCondition.parseDate(value) != nil
                default: true
                }
            guard valid else {
                if comparison.positive == .ipAddress { throw .malformedPolicy("Invalid IP address in Conditions") }
                throw .malformedPolicy("Invalid Condition value : \(value) for \(comparison.rawValue)")
            }
        }
    }
}

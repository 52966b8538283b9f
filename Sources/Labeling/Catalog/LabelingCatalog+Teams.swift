import Foundation
import GRDB

/// Users with API tokens, labeling teams and their members.
extension LabelingCatalog {
    /// Gives the user a new token (only its hash is kept), replacing any former one, and sets their email when given.
    /// - Throws: `LabelingError.duplicateName` for an email another user has.
    func setToken(user name: String, email: String?, tokenHash: String, at date: Date) async throws -> APIUser {
        try await writer.write { db in
            if let email {
                let taken = APIUserRecord.filter(APIUserRecord.Columns.email == email && APIUserRecord.Columns.name != name)
                if try taken.fetchCount(db) > 0 { throw LabelingError.duplicateName("Another user has the email \(email)") }
            }
            var record =
                try APIUserRecord.fetchOne(db, key: name)
                ?? APIUserRecord(name: name, email: nil, tokenHash: tokenHash, createdAt: date, tokenIssuedAt: date)
            record.email = email ?? record.email
            record.tokenHash = tokenHash
            record.tokenIssuedAt = date
            try record.save(db)
            return record.user
        }
    }

    /// The user whose token has this hash, if any.
    func user(tokenHash: String) async throws -> APIUser? {
        try await writer.read { db in
            try APIUserRecord.filter(APIUserRecord.Columns.tokenHash == tokenHash).fetchOne(db)?.user
        }
    }

    /// - Throws: `LabelingError.duplicateName` for a name another team has.
    func createWorkforce(id: String, name: String, description: String, at date: Date) async throws -> Workforce {
        try await writer.write { db in
            if try WorkforceRecord.filter(WorkforceRecord.Columns.name == name).fetchCount(db) > 0 {
                throw LabelingError.duplicateName("A labeling team named \(name) already exists")
            }
            let record = WorkforceRecord(id: id, name: name, description: description, createdAt: date, updatedAt: date)
            try record.insert(db)
            return record.workforce(workerCount: 0)
        }
    }

    /// A page of the teams whose name contains `search`, by creation time or name; `total` counts all that match.
    func workforces(
        search: String?, byName: Bool, ascending: Bool, offset: Int, limit: Int
    ) async throws
        -> (workforces: [Workforce], total: Int)
    {
        try await writer.read { db in
            var request = WorkforceRecord.all()
            if let search, !search.isEmpty { request = request.filter(WorkforceRecord.Columns.name.like("%\(search)%")) }
            let total = try request.fetchCount(db)
            let column = byName ? WorkforceRecord.Columns.name : WorkforceRecord.Columns.createdAt
            let records = try request.order(ascending ? column.asc : column.desc, WorkforceRecord.Columns.id).limit(limit, offset: offset).fetchAll(
                db)
            return (try records.map { try Self.workforce($0, db) }, total)
        }
    }

    /// - Throws: `LabelingError` notFound.
    func workforce(id: String) async throws -> Workforce {
        try await writer.read { db in try Self.workforce(try Self.fetchWorkforce(db, id: id), db) }
    }

    /// - Throws: `LabelingError` notFound, duplicateName for a name another team has.
    func updateWorkforce(id: String, _ update: WorkforceUpdate, at date: Date) async throws {
        try await writer.write { db in
            var record = try Self.fetchWorkforce(db, id: id)
            if let name = update.name, name != record.name {
                if try WorkforceRecord.filter(WorkforceRecord.Columns.name == name).fetchCount(db) > 0 {
                    throw LabelingError.duplicateName("A labeling team named \(name) already exists")
                }
                record.name = name
            }
            if let description = update.description { record.description = description }
            record.updatedAt = date
            try record.update(db)
        }
    }

    /// Deletes a team and its members; the team tasks keep their copy of the members.
    /// - Throws: `LabelingError` notFound.
    func deleteWorkforce(id: String) async throws {
        try await writer.write { db in
            _ = try Self.fetchWorkforce(db, id: id).delete(db)
        }
    }

    /// - Throws: `LabelingError` notFound for an unknown team, duplicateName for an email the team has.
    func addWorker(id: String, workforceId: String, email: String, role: WorkerRole, description: String, at date: Date) async throws -> Worker {
        try await writer.write { db in
            var team = try Self.fetchWorkforce(db, id: workforceId)
            let taken = WorkerRecord.filter(WorkerRecord.Columns.workforceId == workforceId && WorkerRecord.Columns.email == email)
            if try taken.fetchCount(db) > 0 {
                throw LabelingError.duplicateName("Labeling team \(team.name) already has a member \(email)")
            }
            let record = WorkerRecord(
                id: id, workforceId: workforceId, email: email, role: role.rawValue, description: description, createdAt: date, updatedAt: date
            )
            try record.insert(db)
            team.updatedAt = date
            try team.update(db)
            return try record.worker(hasUser: try Self.hasUser(db, email: email))
        }
    }

    /// A page of a team's members, by creation time or email.
    /// - Throws: `LabelingError` notFound for an unknown team.
    func workers(workforceId: String, byEmail: Bool, ascending: Bool, offset: Int, limit: Int) async throws -> (workers: [Worker], total: Int) {
        try await writer.read { db in
            _ = try Self.fetchWorkforce(db, id: workforceId)
            let request = WorkerRecord.filter(WorkerRecord.Columns.workforceId == workforceId)
            let column = byEmail ? WorkerRecord.Columns.email : WorkerRecord.Columns.createdAt
            let records = try request.order(ascending ? column.asc : column.desc, WorkerRecord.Columns.id).limit(limit, offset: offset).fetchAll(db)
            return (try records.map { try $0.worker(hasUser: try Self.hasUser(db, email: $0.email)) }, try request.fetchCount(db))
        }
    }

    /// - Throws: `LabelingError` notFound for an unknown team or member.
    func worker(id: String, workforceId: String) async throws -> Worker {
        try await writer.read { db in
            let record = try Self.fetchWorker(db, id: id, workforceId: workforceId)
            return try record.worker(hasUser: try Self.hasUser(db, email: record.email))
        }
    }

    /// - Throws: `LabelingError` notFound for an unknown team or member.
    func updateWorker(id: String, workforceId: String, role: WorkerRole?, description: String?, at date: Date) async throws {
        try await writer.write { db in
            var record = try Self.fetchWorker(db, id: id, workforceId: workforceId)
            if let role { record.role = role.rawValue }
            if let description { record.description = description }
            record.updatedAt = date
            try record.update(db)
        }
    }

    /// Deletes members of a team; the team tasks keep their copy of them.
    /// - Returns: the ids among `ids` that were members of the team.
    /// - Throws: `LabelingError` notFound for an unknown team.
    func deleteWorkers(ids: [String], workforceId: String, at date: Date) async throws -> Set<String> {
        try await writer.write { db in
            var team = try Self.fetchWorkforce(db, id: workforceId)
            var deleted = Set<String>()
            for id in ids where try WorkerRecord.filter(key: id).filter(WorkerRecord.Columns.workforceId == workforceId).deleteAll(db) > 0 {
                deleted.insert(id)
            }
            if !deleted.isEmpty {
                team.updatedAt = date
                try team.update(db)
            }
            return deleted
        }
    }

    static func fetchWorkforce(_ db: Database, id: String) throws -> WorkforceRecord {
        guard let record = try WorkforceRecord.fetchOne(db, key: id) else { throw LabelingError.workforceNotFound(id) }
        return record
    }

    static func fetchWorker(_ db: Database, id: String, workforceId: String) throws -> WorkerRecord {
        _ = try fetchWorkforce(db, id: workforceId)
        guard let record = try WorkerRecord.fetchOne(db, key: id), record.workforceId == workforceId else {
            throw LabelingError.workerNotFound(id, workforceId: workforceId)
        }
        return record
    }

    static func workforce(_ record: WorkforceRecord, _ db: Database) throws -> Workforce {
        record.workforce(workerCount: try WorkerRecord.filter(WorkerRecord.Columns.workforceId == record.id).fetchCount(db))
    }

    /// Whether a user with a token answers to this email (by email or by name).
    static func hasUser(_ db: Database, email: String) throws -> Bool {
        try APIUserRecord.filter(APIUserRecord.Columns.email == email || APIUserRecord.Columns.name == email).fetchCount(db) > 0
    }
}

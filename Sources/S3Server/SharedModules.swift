// Two modules hold what S3Server shares: S3Documents, the XML documents the S3 client reads too, and ObslabAPI, the
// admin API's documents and the defaults the command line reads too. Both were part of S3Server; they are re-exported
// here, once, so that every file of the server and its tests sees them as before they moved.
@_exported import ObslabAPI
@_exported import S3Documents

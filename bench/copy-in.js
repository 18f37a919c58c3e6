// COPY ... FROM STDIN for node-postgres without a dependency (the protocol part of pg-copy-streams):
// a submittable query that answers the server's CopyInResponse with the given chunks.
export function copyIn(client, text, chunks) {
  return new Promise((resolve, reject) => {
    let error;
    client.query({
      text,
      submit(connection) {
        connection.query(text);
      },
      handleCopyInResponse(connection) {
        for (const chunk of chunks) connection.sendCopyFromChunk(chunk);
        connection.endCopyFrom();
      },
      handleCommandComplete() {},
      handleRowDescription() {},
      handleDataRow() {},
      handleEmptyQuery() {},
      handlePortalSuspended() {},
      handleCopyData() {},
      handleError(err) {
        error = err;
      },
      handleReadyForQuery() {
        if (error) reject(error);
        else resolve();
      },
    });
  });
}

// GraphiQL on klastry: the API at /graphql, subscriptions over the WebSocket at /graphql/ws
// (graphql-transport-ws, through graphql-ws), and a first query to run. Kept out of the page
// so that the page runs under a content security policy without inline script.
const socketUrl = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/graphql/ws';
// Lazy: the socket opens with the first subscription and closes after the last.
const wsClient = graphqlWs.createClient({ url: socketUrl, lazy: true });
const fetcher = GraphiQL.createFetcher({ url: '/graphql', wsClient });
const defaultQuery = `# The Key National Clusters whose status is valid on a day, with their round.
query KeyNationalClusters($on: Date = "2024-06-01") {
  clusters(filter: { kkkActiveOn: $on }, first: 50) {
    totalCount
    edges {
      node {
        name
        slug
        kkkStatus(on: $on)
        kkkCertifications {
          round { name }
          validUntil
          representative { name }
        }
      }
    }
  }
}
`;
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, { fetcher, defaultQuery, defaultEditorToolsVisibility: true })
);

//! What a parsed document asks for, read before it runs: the operation it would run, its
//! top-level fields (for the token scopes and the one-credential-check rule), how many fields
//! carry an alias and how many variables it declares.

use async_graphql_parser::types::{
    DocumentOperations, ExecutableDocument, OperationDefinition, OperationType, Selection,
    SelectionSet,
};
use std::collections::HashSet;

/// The operation of `document` that a request with `operation_name` runs; None when the name
/// matches none, or when none is given and the document holds several (the parser's rules
/// then refuse the request).
pub fn operation<'d>(
    document: &'d ExecutableDocument,
    operation_name: Option<&str>,
) -> Option<&'d OperationDefinition> {
    match &document.operations {
        DocumentOperations::Single(operation) => Some(&operation.node),
        DocumentOperations::Multiple(operations) => match operation_name {
            Some(name) => operations.get(name).map(|o| &o.node),
            None if operations.len() == 1 => operations.values().next().map(|o| &o.node),
            None => None,
        },
    }
}

/// What the guarded path needs to know of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    /// The kind of operation that would run; None when no operation is selected.
    pub kind: Option<OperationType>,
    /// The names of the fields at the top of that operation, fragments spread into it included.
    pub top_fields: Vec<String>,
    /// Fields carrying an alias anywhere in the document, fragments included.
    pub aliases: usize,
    /// Variables the selected operation declares.
    pub variables: usize,
}

/// Reads `document` for the operation named `operation_name`.
pub fn analyse(document: &ExecutableDocument, operation_name: Option<&str>) -> Analysis {
    let selected = operation(document, operation_name);
    let mut top_fields = Vec::new();
    if let Some(operation) = selected {
        let mut seen = HashSet::new();
        collect_top_fields(
            document,
            &operation.selection_set.node,
            &mut top_fields,
            &mut seen,
        );
    }
    Analysis {
        kind: selected.map(|o| o.ty),
        top_fields,
        aliases: count_aliases(document),
        variables: selected.map_or(0, |o| o.variable_definitions.len()),
    }
}

/// The fields at the top of `set`, looking through inline fragments and fragment spreads (each
/// fragment once, so a cycle, which validation refuses later, cannot loop here).
fn collect_top_fields<'d>(
    document: &'d ExecutableDocument,
    set: &'d SelectionSet,
    fields: &mut Vec<String>,
    seen: &mut HashSet<&'d str>,
) {
    for item in &set.items {
        match &item.node {
            Selection::Field(field) => fields.push(field.node.name.node.to_string()),
            Selection::InlineFragment(fragment) => {
                collect_top_fields(document, &fragment.node.selection_set.node, fields, seen);
            }
            Selection::FragmentSpread(spread) => {
                let name = spread.node.fragment_name.node.as_str();
                if seen.insert(name)
                    && let Some(fragment) = document.fragments.get(&spread.node.fragment_name.node)
                {
                    collect_top_fields(document, &fragment.node.selection_set.node, fields, seen);
                }
            }
        }
    }
}

/// How many fields of a document carry an alias, in every operation and fragment.
fn count_aliases(document: &ExecutableDocument) -> usize {
    fn in_set(set: &SelectionSet) -> usize {
        set.items
            .iter()
            .map(|item| match &item.node {
                Selection::Field(field) => {
                    usize::from(field.node.alias.is_some()) + in_set(&field.node.selection_set.node)
                }
                Selection::InlineFragment(fragment) => in_set(&fragment.node.selection_set.node),
                Selection::FragmentSpread(_) => 0,
            })
            .sum()
    }
    let operations: usize = match &document.operations {
        DocumentOperations::Single(operation) => in_set(&operation.node.selection_set.node),
        DocumentOperations::Multiple(operations) => operations
            .values()
            .map(|operation| in_set(&operation.node.selection_set.node))
            .sum(),
    };
    let fragments: usize = document
        .fragments
        .values()
        .map(|fragment| in_set(&fragment.node.selection_set.node))
        .sum();
    operations + fragments
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analysed(query: &str, name: Option<&str>) -> Analysis {
        let document = async_graphql_parser::parse_query(query).expect("the test query parses");
        analyse(&document, name)
    }

    #[test]
    fn top_fields_are_read_through_fragments_of_every_kind() {
        let analysis = analysed(
            "mutation { a: signIn ... on MutationRoot { b: signIn } ...more } \
             fragment more on MutationRoot { updateCluster ...more }",
            None,
        );
        assert_eq!(analysis.kind, Some(OperationType::Mutation));
        assert_eq!(analysis.top_fields, ["signIn", "signIn", "updateCluster"]);
        assert_eq!(analysis.aliases, 2);
    }

    #[test]
    fn the_named_operation_is_the_one_read() {
        let query = "query A { clusters { totalCount } } mutation B($x: Int, $y: Int) { signOut }";
        let b = analysed(query, Some("B"));
        assert_eq!(b.kind, Some(OperationType::Mutation));
        assert_eq!(b.top_fields, ["signOut"]);
        assert_eq!(b.variables, 2);
        assert_eq!(analysed(query, Some("A")).kind, Some(OperationType::Query));
        assert_eq!(analysed(query, None).kind, None);
        assert_eq!(analysed(query, Some("C")).kind, None);
    }

    #[test]
    fn aliases_in_fragments_count_once_each() {
        let analysis = analysed(
            "{ x: a ...f ...f } fragment f on QueryRoot { y: b z: c { w: d } }",
            None,
        );
        assert_eq!(analysis.aliases, 4);
    }
}

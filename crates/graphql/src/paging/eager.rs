//! Connections answered in one pass over their rows, for the pages that carry many plain nodes
//! (a cluster's members, a page of organisations).
//!
//! async-graphql's executor gives every field of every node a boxed future, a context and a
//! map insert: 10.7 K instructions a member node in the nested list (docs/performance.md). Here
//! the page's selection is read once into a [`Plan`], and each node's value is built from its
//! row by that plan. A selection the plan cannot hold (a field that reads more than its row, a
//! directive, a fragment on an interface, arguments) leaves the whole page to the executor, so a
//! client gets the same answer either way; only its cost differs.
//!
//! A node type joins by implementing [`EagerNode`] beside its `#[Object]`, listing the fields
//! that are plain reads of its row; its list then returns [`EagerConnection`].

use crate::ids::Cursor;
use async_graphql::connection::{Connection, CursorType, Edge, EmptyFields};
use async_graphql::indexmap::IndexMap;
use async_graphql::parser::types::{Field, FragmentDefinition, Selection, SelectionSet};
use async_graphql::registry::Registry;
use async_graphql::{
    ContextSelectionSet, Name, ObjectType, OutputType, Positioned, ServerResult, Value,
};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// How one request's eager connections were answered: a diagnostic the server attaches to a
/// request when asked to expose its costs, so a test or a benchmark can see which pages took
/// the one pass and which the executor.
#[derive(Debug, Default)]
pub struct PageAnswers {
    /// Pages answered in one pass.
    pub one_pass: AtomicU64,
    /// Pages whose selection sent them to the executor.
    pub by_executor: AtomicU64,
}

/// A node type whose plain fields are answered straight from its row.
pub(crate) trait EagerNode: OutputType {
    /// One field of the node the plan answers: what to read, already decided.
    type Field: Send + Sync;

    /// The plan's field for `field` of this type (one without arguments), whose sub-selections
    /// (all those merged under its response key) are `selections`; `None` when only the
    /// executor may answer it.
    fn field(field: &Field, selections: &Selections<'_>) -> Option<Self::Field>;

    /// This node's value of `field`; `None` when this node cannot answer it from what it holds
    /// (the page then goes to the executor).
    fn value(&self, field: &Self::Field) -> Option<Value>;
}

/// The fields of one selection, in the order the answer shows them: each response key once,
/// with what the plan answers for it.
pub(crate) struct Plan<F>(Vec<(Name, F)>);

/// A field of a node's plan: its type's name or one of its own fields.
pub(crate) enum NodeField<F> {
    Typename,
    Own(F),
}

/// The selection sets merged under one response key, with the query's fragments to expand
/// them by.
pub(crate) struct Selections<'a> {
    sets: Vec<&'a SelectionSet>,
    fragments: &'a HashMap<Name, Positioned<FragmentDefinition>>,
}

/// The fields merged under one response key: the first of them (its name, arguments and
/// position stand for all, as validation makes them the same field) and every selection set.
struct Merged<'a> {
    key: &'a Name,
    first: &'a Positioned<Field>,
    sets: Vec<&'a SelectionSet>,
}

impl<'a> Selections<'a> {
    /// The selection a connection's field asks of it.
    fn of(ctx: &ContextSelectionSet<'a>) -> Self {
        Self {
            sets: vec![&ctx.item.node],
            fragments: &ctx.query_env.fragments,
        }
    }

    /// The plan of these selections on the object type `type_name`, each field decided by
    /// `field`; `None` when any part must go to the executor.
    pub(crate) fn plan<F>(
        &self,
        type_name: &str,
        field: impl Fn(&'a Positioned<Field>, &Selections<'a>) -> Option<F>,
    ) -> Option<Plan<F>> {
        let mut merged = Vec::new();
        for set in &self.sets {
            self.collect(set, type_name, &mut merged)?;
        }
        merged
            .into_iter()
            .map(|m| {
                let selections = Selections {
                    sets: m.sets,
                    fragments: self.fragments,
                };
                Some((m.key.clone(), field(m.first, &selections)?))
            })
            .collect::<Option<Vec<_>>>()
            .map(Plan)
    }

    /// The plan of a node type's selection: `__typename` and the fields it answers itself.
    pub(crate) fn node_plan<N: EagerNode>(&self) -> Option<Plan<NodeField<N::Field>>> {
        self.plan(&N::type_name(), |field, selections| {
            if field.node.name.node == "__typename" {
                return Some(NodeField::Typename);
            }
            // A node's field with arguments reads more than its row.
            if !field.node.arguments.is_empty() {
                return None;
            }
            N::field(&field.node, selections).map(NodeField::Own)
        })
    }

    /// Adds `set`'s fields to `merged` as GraphQL's field collection does: fragments
    /// expanded, fields of the same response key merged in the order they first appear.
    fn collect(
        &self,
        set: &'a SelectionSet,
        type_name: &str,
        merged: &mut Vec<Merged<'a>>,
    ) -> Option<()> {
        for selection in &set.items {
            // The executor has already removed @skip and @include; any other directive is
            // the executor's to apply.
            if !selection.node.directives().is_empty() {
                return None;
            }
            match &selection.node {
                Selection::Field(field) => {
                    let key = &field.node.response_key().node;
                    let sub = &field.node.selection_set.node;
                    match merged.iter_mut().find(|m| m.key == key) {
                        Some(m) if m.first.node.name.node == field.node.name.node => {
                            m.sets.push(sub);
                        }
                        Some(_) => return None,
                        None => merged.push(Merged {
                            key,
                            first: field,
                            sets: vec![sub],
                        }),
                    }
                }
                Selection::FragmentSpread(spread) => {
                    let fragment = self.fragments.get(&spread.node.fragment_name.node)?;
                    if fragment.node.type_condition.node.on.node != type_name
                        || !fragment.node.directives.is_empty()
                    {
                        return None;
                    }
                    self.collect(&fragment.node.selection_set.node, type_name, merged)?;
                }
                Selection::InlineFragment(inline) => {
                    if inline
                        .node
                        .type_condition
                        .as_ref()
                        .is_some_and(|condition| condition.node.on.node != type_name)
                    {
                        return None;
                    }
                    self.collect(&inline.node.selection_set.node, type_name, merged)?;
                }
            }
        }
        Some(())
    }
}

/// A node's value by its plan; `None` when the node cannot answer one of the fields.
pub(crate) fn node_value<N: EagerNode>(
    node: &N,
    plan: &Plan<NodeField<N::Field>>,
) -> Option<Value> {
    let mut object = IndexMap::with_capacity(plan.0.len());
    for (key, field) in &plan.0 {
        let value = match field {
            NodeField::Typename => Value::String(node.introspection_type_name().into_owned()),
            NodeField::Own(field) => node.value(field)?,
        };
        object.insert(key.clone(), value);
    }
    Some(Value::Object(object))
}

/// A keyset connection answered in one pass where its selection allows, by the executor where
/// not; the schema sees the same connection type either way.
pub(crate) struct EagerConnection<N: EagerNode, T: ObjectType>(pub Connection<Cursor, N, T>);

/// A field of a connection's plan.
enum ConnectionField<'a, F> {
    Typename,
    Edges(Plan<EdgeField<F>>),
    Nodes(Plan<NodeField<F>>),
    PageInfo(Plan<PageInfoField>),
    /// A field of the connection's totals, resolved by them (a count may read the database).
    Totals(&'a Positioned<Field>),
}

/// A field of an edge's plan.
enum EdgeField<F> {
    Typename,
    Cursor,
    Node(Plan<NodeField<F>>),
}

/// A field of `pageInfo`'s plan.
enum PageInfoField {
    Typename,
    HasPreviousPage,
    HasNextPage,
    StartCursor,
    EndCursor,
}

impl<N: EagerNode, T: ObjectType> EagerConnection<N, T> {
    /// The connection's plan for the selection in `ctx`; `None` when the executor must answer.
    fn plan<'a>(ctx: &ContextSelectionSet<'a>) -> Option<Plan<ConnectionField<'a, N::Field>>> {
        let edge_type = Edge::<Cursor, N, EmptyFields>::type_name();
        Selections::of(ctx).plan(&Self::type_name(), |field, selections| {
            Some(match field.node.name.node.as_str() {
                "__typename" => ConnectionField::Typename,
                "nodes" => ConnectionField::Nodes(selections.node_plan::<N>()?),
                "pageInfo" => ConnectionField::PageInfo(selections.plan("PageInfo", |f, _| {
                    Some(match f.node.name.node.as_str() {
                        "__typename" => PageInfoField::Typename,
                        "hasPreviousPage" => PageInfoField::HasPreviousPage,
                        "hasNextPage" => PageInfoField::HasNextPage,
                        "startCursor" => PageInfoField::StartCursor,
                        "endCursor" => PageInfoField::EndCursor,
                        _ => return None,
                    })
                })?),
                "edges" => ConnectionField::Edges(selections.plan(&edge_type, |f, sub| {
                    Some(match f.node.name.node.as_str() {
                        "__typename" => EdgeField::Typename,
                        "cursor" => EdgeField::Cursor,
                        "node" => EdgeField::Node(sub.node_plan::<N>()?),
                        _ => return None,
                    })
                })?),
                _ => ConnectionField::Totals(field),
            })
        })
    }

    /// The connection's value by `plan`; `None` when a node cannot answer its part.
    async fn answer(
        &self,
        ctx: &ContextSelectionSet<'_>,
        plan: &Plan<ConnectionField<'_, N::Field>>,
    ) -> ServerResult<Option<Value>> {
        let connection = &self.0;
        let cursor = |edge: Option<&Edge<Cursor, N, EmptyFields>>| {
            edge.map_or(Value::Null, |e| Value::String(e.cursor.encode_cursor()))
        };
        let mut object = IndexMap::with_capacity(plan.0.len());
        for (key, field) in &plan.0 {
            let value = match field {
                ConnectionField::Typename => Value::String(Self::type_name().into_owned()),
                ConnectionField::Nodes(node) => {
                    let mut nodes = Vec::with_capacity(connection.edges.len());
                    for edge in &connection.edges {
                        match node_value(&edge.node, node) {
                            Some(value) => nodes.push(value),
                            None => return Ok(None),
                        }
                    }
                    Value::List(nodes)
                }
                ConnectionField::Edges(edge_plan) => {
                    let mut edges = Vec::with_capacity(connection.edges.len());
                    for edge in &connection.edges {
                        let mut object = IndexMap::with_capacity(edge_plan.0.len());
                        for (key, field) in &edge_plan.0 {
                            let value = match field {
                                EdgeField::Typename => Value::String(
                                    Edge::<Cursor, N, EmptyFields>::type_name().into_owned(),
                                ),
                                EdgeField::Cursor => Value::String(edge.cursor.encode_cursor()),
                                EdgeField::Node(node) => match node_value(&edge.node, node) {
                                    Some(value) => value,
                                    None => return Ok(None),
                                },
                            };
                            object.insert(key.clone(), value);
                        }
                        edges.push(Value::Object(object));
                    }
                    Value::List(edges)
                }
                ConnectionField::PageInfo(page_plan) => {
                    let mut object = IndexMap::with_capacity(page_plan.0.len());
                    for (key, field) in &page_plan.0 {
                        let value = match field {
                            PageInfoField::Typename => Value::String("PageInfo".to_owned()),
                            PageInfoField::HasPreviousPage => {
                                Value::Boolean(connection.has_previous_page)
                            }
                            PageInfoField::HasNextPage => Value::Boolean(connection.has_next_page),
                            PageInfoField::StartCursor => cursor(connection.edges.first()),
                            PageInfoField::EndCursor => cursor(connection.edges.last()),
                        };
                        object.insert(key.clone(), value);
                    }
                    Value::Object(object)
                }
                ConnectionField::Totals(field) => connection
                    .additional_fields
                    .resolve_field(&ctx.with_field(field))
                    .await?
                    .unwrap_or_default(),
            };
            object.insert(key.clone(), value);
        }
        Ok(Some(Value::Object(object)))
    }
}

impl<N: EagerNode, T: ObjectType> OutputType for EagerConnection<N, T> {
    fn type_name() -> Cow<'static, str> {
        Connection::<Cursor, N, T>::type_name()
    }

    fn create_type_info(registry: &mut Registry) -> String {
        Connection::<Cursor, N, T>::create_type_info(registry)
    }

    async fn resolve(
        &self,
        ctx: &ContextSelectionSet<'_>,
        field: &Positioned<Field>,
    ) -> ServerResult<Value> {
        let answers = ctx.data_opt::<Arc<PageAnswers>>();
        if let Some(plan) = Self::plan(ctx)
            && let Some(value) = self.answer(ctx, &plan).await?
        {
            if let Some(answers) = answers {
                answers.one_pass.fetch_add(1, Ordering::Relaxed);
            }
            return Ok(value);
        }
        if let Some(answers) = answers {
            answers.by_executor.fetch_add(1, Ordering::Relaxed);
        }
        self.0.resolve(ctx, field).await
    }
}

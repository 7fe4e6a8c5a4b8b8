//! What the mutation files share: reading input fields as the domain's patches and IDs,
//! the payload types (`payload!`), the deletion input and payload, and `versioned_mutations!`,
//! which writes the create, update and delete resolvers of one kind of versioned object.
//!
//! A mutation of a new area goes in a file of its own beside this one; what two areas need
//! alike goes here.

use crate::error::OrApi;
use crate::ids::{NodeKind, parse_id_of};
use crate::scalars::PartialDate;
use crate::user_error::UserError;
use async_graphql::{ID, InputObject, MaybeUndefined, Result};
use klastry_domain::DomainError;
use klastry_domain::writes::Patch;

/// An input object's fields as the domain's write service takes them; an ID of the wrong kind
/// among them is BAD_USER_INPUT naming the field.
pub(crate) trait IntoDomain {
    /// The domain's fields.
    type Domain;
    /// Converts, checking the IDs the input names.
    fn into_domain(self) -> Result<Self::Domain>;
}

/// An optional input field as a patch: absent keeps, null clears, a value sets.
pub(crate) fn patch<T, U>(value: MaybeUndefined<T>, map: impl FnOnce(T) -> U) -> Patch<U> {
    match value {
        MaybeUndefined::Undefined => None,
        MaybeUndefined::Null => Some(None),
        MaybeUndefined::Value(v) => Some(Some(map(v))),
    }
}

/// A text input field as a patch.
pub(crate) fn text(value: MaybeUndefined<String>) -> Patch<String> {
    patch(value, |v| v)
}

/// A partial date input field as a patch of its text form (`2021`, `2021-05`, `2021-05-04`).
pub(crate) fn partial(value: MaybeUndefined<PartialDate>) -> Patch<String> {
    patch(value, |d| d.0.to_string())
}

/// An optional ID input field as a patch of the id it names; an ID of another kind is
/// BAD_USER_INPUT naming `field`.
pub(crate) fn id_patch(
    field: &str,
    kind: NodeKind,
    value: MaybeUndefined<ID>,
) -> Result<Patch<i32>> {
    Ok(match value {
        MaybeUndefined::Undefined => None,
        MaybeUndefined::Null => Some(None),
        MaybeUndefined::Value(id) => Some(Some(parse_id_of(field, kind, &id).or_api()?)),
    })
}

/// The `id` of the object a mutation changes.
pub(crate) fn id_of(kind: NodeKind, id: &ID) -> Result<i32> {
    parse_id_of("id", kind, id).or_api()
}

/// The `clusterId` of the cluster a new object belongs to.
pub(crate) fn cluster_id(id: &ID) -> Result<i32> {
    parse_id_of("clusterId", NodeKind::Cluster, id).or_api()
}

/// Deleting an object that carries a version.
#[derive(InputObject)]
pub struct DeleteInput {
    /// The global ID of the object to delete.
    pub id: ID,
    /// The version the deletion is based on, as last read; a stale one is a CONFLICT error and
    /// nothing is deleted.
    pub version: i32,
}

/// Declares a payload type: the changed object and the user errors.
macro_rules! payload {
    ($name:ident, $field:ident: $ty:ty, $doc:literal) => {
        #[doc = $doc]
        #[derive(async_graphql::SimpleObject)]
        pub struct $name {
            #[doc = "The object as it is now; null when nothing was written."]
            pub $field: Option<$ty>,
            #[doc = "What was wrong with the input; empty when it was written."]
            pub user_errors: Vec<$crate::mutations::UserError>,
        }

        impl $name {
            pub(crate) fn from_outcome<T>(
                result: Result<T, klastry_domain::DomainError>,
                wrap: impl FnOnce(T) -> $ty,
            ) -> async_graphql::Result<Self> {
                let (value, user_errors) = $crate::mutations::outcome(result)?;
                Ok(Self {
                    $field: value.map(wrap),
                    user_errors,
                })
            }
        }
    };
}
pub(crate) use payload;

payload!(DeletePayload, deleted_id: async_graphql::ID, "The answer to a deletion: the ID of what was deleted.");

/// Declares the mutations of one kind of versioned object: a part of the mutation root with a
/// create, an update and a delete resolver, each of which parses the IDs of its input, converts
/// the fields ([`IntoDomain`]), calls the domain's write service for the signed-in account and
/// wraps the answer in the kind's payload.
///
/// ```ignore
/// versioned_mutations! {
///     /// The part's description.
///     pub struct ServiceMutations;
///     node: Service, payload: ServicePayload(Service);
///     /// Adds a service to a cluster.
///     create_service(CreateNamedInput) in cluster_id => facts::create_service;
///     /// Changes a service.
///     update_service(UpdateNamedInput) => facts::update_service;
///     /// Deletes a service.
///     delete_service => facts::delete_service;
/// }
/// ```
///
/// `in cluster_id` passes the input's `clusterId` to the create service before the fields;
/// without it the service takes only the fields. The create input has `fields`, the update
/// input `id`, `version` and `fields`; deletion takes [`DeleteInput`] and answers
/// [`DeletePayload`]. A mutation that does anything else is written out by hand.
macro_rules! versioned_mutations {
    (
        $(#[doc = $doc:literal])*
        pub struct $root:ident;
        node: $kind:ident, payload: $payload:ident($wrap:expr);
        $(#[doc = $create_doc:literal])*
        $create:ident($create_input:ty) $(in $scope:ident)? => $create_fn:path;
        $(#[doc = $update_doc:literal])*
        $update:ident($update_input:ty) => $update_fn:path;
        $(#[doc = $delete_doc:literal])*
        $delete:ident => $delete_fn:path;
    ) => {
        $(#[doc = $doc])*
        #[derive(Default)]
        pub struct $root;

        $(#[doc = $doc])*
        #[async_graphql::Object]
        impl $root {
            $(#[doc = $create_doc])*
            async fn $create(
                &self,
                ctx: &async_graphql::Context<'_>,
                input: $create_input,
            ) -> async_graphql::Result<$payload> {
                use $crate::mutations::support::IntoDomain as _;
                let actor = $crate::context::actor(ctx)?;
                $(let $scope = $crate::mutations::support::cluster_id(&input.$scope)?;)?
                let fields = input.fields.into_domain()?;
                $payload::from_outcome(
                    $create_fn($crate::context::db(ctx), actor, $($scope,)? &fields).await,
                    $wrap,
                )
            }

            $(#[doc = $update_doc])*
            async fn $update(
                &self,
                ctx: &async_graphql::Context<'_>,
                input: $update_input,
            ) -> async_graphql::Result<$payload> {
                use $crate::mutations::support::IntoDomain as _;
                let actor = $crate::context::actor(ctx)?;
                let id = $crate::mutations::support::id_of(
                    $crate::ids::NodeKind::$kind,
                    &input.id,
                )?;
                let fields = input.fields.into_domain()?;
                $payload::from_outcome(
                    $update_fn($crate::context::db(ctx), actor, id, input.version, &fields).await,
                    $wrap,
                )
            }

            $(#[doc = $delete_doc])*
            async fn $delete(
                &self,
                ctx: &async_graphql::Context<'_>,
                input: $crate::mutations::support::DeleteInput,
            ) -> async_graphql::Result<$crate::mutations::support::DeletePayload> {
                let actor = $crate::context::actor(ctx)?;
                let id = $crate::mutations::support::id_of(
                    $crate::ids::NodeKind::$kind,
                    &input.id,
                )?;
                $crate::mutations::support::DeletePayload::from_outcome(
                    $delete_fn($crate::context::db(ctx), actor, id, input.version).await,
                    |deleted| $crate::ids::global_id($crate::ids::NodeKind::$kind, deleted.id),
                )
            }
        }
    };
}
pub(crate) use versioned_mutations;

/// Splits a domain result into the payload's object and its user errors; anything that is not
/// a refusal of the input becomes a coded GraphQL error.
pub(crate) fn outcome<T>(result: Result<T, DomainError>) -> Result<(Option<T>, Vec<UserError>)> {
    match result {
        Ok(value) => Ok((Some(value), Vec::new())),
        Err(DomainError::Invalid(error)) => Ok((None, vec![error.into()])),
        Err(DomainError::Rejected(errors)) => {
            Ok((None, errors.into_iter().map(UserError::from).collect()))
        }
        Err(other) => Err(other).or_api(),
    }
}

//! Diesel schema, written by hand to match both migration sets (TEXT ids, TIMESTAMP times).

diesel::table! {
    districts (id) {
        id -> Text,
        name -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        kind -> Text,
        openid -> Nullable<Text>,
        username -> Nullable<Text>,
        password_hash -> Nullable<Text>,
        display_name -> Text,
        phone -> Nullable<Text>,
        phone_verified_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        disabled_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    communities (id) {
        id -> Text,
        district_id -> Text,
        name -> Text,
        address -> Text,
        year_built -> Nullable<Integer>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    role_grants (id) {
        id -> Text,
        user_id -> Text,
        role -> Text,
        district_id -> Nullable<Text>,
        community_id -> Nullable<Text>,
        granted_by -> Nullable<Text>,
        granted_at -> Timestamp,
        revoked_by -> Nullable<Text>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    refresh_tokens (id) {
        id -> Text,
        user_id -> Text,
        family_id -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    buildings (id) {
        id -> Text,
        community_id -> Text,
        name -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    units (id) {
        id -> Text,
        community_id -> Text,
        building_id -> Text,
        name -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    dwellings (id) {
        id -> Text,
        community_id -> Text,
        building_id -> Text,
        unit_id -> Text,
        room -> Text,
        floor -> Integer,
        area_centi -> BigInt,
        owner_key -> Text,
        owner_name -> Nullable<Text>,
        registered_phone -> Nullable<Text>,
        developer_held -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    bindings (id) {
        id -> Text,
        user_id -> Text,
        dwelling_id -> Text,
        community_id -> Text,
        relation -> Text,
        status -> Text,
        auto_approved -> Bool,
        note -> Nullable<Text>,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
        reason -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    audit_log (seq) {
        seq -> BigInt,
        at -> Timestamp,
        actor_id -> Nullable<Text>,
        action -> Text,
        object_type -> Text,
        object_id -> Text,
        community_id -> Nullable<Text>,
        detail -> Text,
        prev_hash -> Text,
        hash -> Text,
    }
}

diesel::table! {
    audit_head (id) {
        id -> Integer,
        seq -> BigInt,
        hash -> Text,
    }
}

diesel::joinable!(communities -> districts (district_id));
diesel::joinable!(units -> buildings (building_id));
diesel::joinable!(dwellings -> units (unit_id));
diesel::joinable!(dwellings -> buildings (building_id));
diesel::joinable!(bindings -> dwellings (dwelling_id));
diesel::joinable!(role_grants -> users (user_id));

diesel::allow_tables_to_appear_in_same_query!(
    districts, users, communities, role_grants, refresh_tokens, buildings, units, dwellings, bindings, audit_log, audit_head,
);

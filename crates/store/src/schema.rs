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
        privacy_version -> Nullable<Text>,
        privacy_accepted_at -> Nullable<Timestamp>,
        erased_at -> Nullable<Timestamp>,
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
        company_id -> Nullable<Text>,
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
    login_throttle (key) {
        key -> Text,
        attempts -> Integer,
        window_start -> Timestamp,
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
        area_source -> Text,
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
    audit_log (id) {
        id -> Text,
        chain -> Text,
        seq -> Nullable<BigInt>,
        at -> Timestamp,
        actor_id -> Nullable<Text>,
        action -> Text,
        object_type -> Text,
        object_id -> Text,
        community_id -> Nullable<Text>,
        detail -> Text,
        prev_hash -> Nullable<Text>,
        hash -> Nullable<Text>,
    }
}

diesel::table! {
    audit_chains (chain) {
        chain -> Text,
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

diesel::table! {
    catalog_items (id) {
        id -> Text,
        community_id -> Text,
        code -> Text,
        name -> Text,
        category -> Text,
        scope -> Text,
        rule -> Text,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    consultations (id) {
        id -> Text,
        community_id -> Text,
        title -> Text,
        description -> Text,
        state -> Text,
        announce_days -> Integer,
        objection_days -> Integer,
        opens_at -> Nullable<Timestamp>,
        closes_at -> Nullable<Timestamp>,
        announced_at -> Nullable<Timestamp>,
        opened_at -> Nullable<Timestamp>,
        closed_at -> Nullable<Timestamp>,
        preliminary_at -> Nullable<Timestamp>,
        objection_deadline -> Nullable<Timestamp>,
        reviewed_at -> Nullable<Timestamp>,
        published_at -> Nullable<Timestamp>,
        extension_reason -> Nullable<Text>,
        roll_hash -> Nullable<Text>,
        menu_hash -> Nullable<Text>,
        roll_owners -> BigInt,
        roll_area -> BigInt,
        bulletin_seq -> BigInt,
        bulletin_head -> Text,
        closing_head -> Nullable<Text>,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    consultation_items (id) {
        id -> Text,
        consultation_id -> Text,
        position -> Integer,
        code -> Text,
        name -> Text,
        description -> Text,
        category -> Text,
        scope -> Text,
        targets -> Text,
        rule -> Text,
        rule_reason -> Nullable<Text>,
        estimated_cost_cents -> Nullable<BigInt>,
        resident_share_bp -> Nullable<Integer>,
        decision -> Nullable<Text>,
        decision_reason -> Nullable<Text>,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
        candidates -> Text,
        cost_plan -> Nullable<Text>,
    }
}

diesel::table! {
    electorate (consultation_id, dwelling_id) {
        consultation_id -> Text,
        dwelling_id -> Text,
        building_id -> Text,
        unit_id -> Text,
        owner_key -> Text,
        area_centi -> BigInt,
        area_source -> Text,
        floor -> Integer,
    }
}

diesel::table! {
    tally_cells (item_id, scope_key, shard) {
        item_id -> Text,
        scope_key -> Text,
        shard -> Integer,
        consultation_id -> Text,
        total_area -> BigInt,
        total_heads -> BigInt,
        support_area -> BigInt,
        support_heads -> BigInt,
        oppose_area -> BigInt,
        oppose_heads -> BigInt,
        abstain_area -> BigInt,
        abstain_heads -> BigInt,
    }
}

diesel::table! {
    tally_results (consultation_id, item_id, scope_key) {
        consultation_id -> Text,
        item_id -> Text,
        scope_key -> Text,
        total_area -> BigInt,
        total_heads -> BigInt,
        support_area -> BigInt,
        support_heads -> BigInt,
        oppose_area -> BigInt,
        oppose_heads -> BigInt,
        abstain_area -> BigInt,
        abstain_heads -> BigInt,
    }
}

diesel::table! {
    ballots (id) {
        id -> Text,
        consultation_id -> Text,
        owner_key -> Text,
        counting_version_id -> Nullable<Text>,
        counting_signed_at -> Nullable<Timestamp>,
        versions -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    ballot_versions (id) {
        id -> Text,
        ballot_id -> Text,
        consultation_id -> Text,
        version_no -> Integer,
        channel -> Text,
        status -> Text,
        choices -> Text,
        cast_by -> Nullable<Text>,
        signed_at -> Timestamp,
        sheet_ref -> Nullable<Text>,
        entered_by -> Nullable<Text>,
        confirmed_by -> Nullable<Text>,
        confirmed_at -> Nullable<Timestamp>,
        void_reason -> Nullable<Text>,
        receipt -> Text,
        created_at -> Timestamp,
        proxy_id -> Nullable<Text>,
    }
}

diesel::table! {
    proxies (id) {
        id -> Text,
        consultation_id -> Text,
        community_id -> Text,
        owner_key -> Text,
        dwelling_id -> Text,
        proxy_name -> Text,
        proxy_phone -> Text,
        kind -> Text,
        paper_ref -> Nullable<Text>,
        status -> Text,
        entered_by -> Text,
        entered_at -> Timestamp,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
        reason -> Nullable<Text>,
        revoked_by -> Nullable<Text>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    bulletin (receipt) {
        receipt -> Text,
        consultation_id -> Text,
        seq -> Nullable<BigInt>,
        dwelling_mask -> Text,
        channel -> Text,
        at -> Timestamp,
        prev_hash -> Nullable<Text>,
        hash -> Nullable<Text>,
    }
}

diesel::table! {
    objections (id) {
        id -> Text,
        consultation_id -> Text,
        user_id -> Text,
        text -> Text,
        receipt -> Nullable<Text>,
        created_at -> Timestamp,
        answer -> Nullable<Text>,
        answered_by -> Nullable<Text>,
        answered_at -> Nullable<Timestamp>,
        item_id -> Nullable<Text>,
        unit_id -> Nullable<Text>,
    }
}

diesel::table! {
    held_texts (id) {
        id -> Text,
        kind -> Text,
        subject_id -> Text,
        community_id -> Nullable<Text>,
        parent_id -> Nullable<Text>,
        author_id -> Text,
        text -> Text,
        reason -> Text,
        label -> Nullable<BigInt>,
        state -> Text,
        created_at -> Timestamp,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
        note -> Nullable<Text>,
    }
}

diesel::table! {
    uploads (id) {
        id -> Text,
        uploaded_by -> Text,
        sha256 -> Text,
        content_type -> Text,
        width -> Integer,
        height -> Integer,
        bytes -> Integer,
        thumb_sha256 -> Text,
        thumb_content_type -> Text,
        sent_type -> Text,
        sent_bytes -> Integer,
        attached_to -> Nullable<Text>,
        attached_id -> Nullable<Text>,
        position -> Nullable<Integer>,
        review -> Text,
        trace_id -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    idempotency_keys (user_id, key) {
        user_id -> Text,
        key -> Text,
        request_hash -> Text,
        status -> Integer,
        body -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    property_companies (id) {
        id -> Text,
        district_id -> Text,
        name -> Text,
        credit_code -> Nullable<Text>,
        contact_phone -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    property_contracts (id) {
        id -> Text,
        company_id -> Text,
        community_id -> Text,
        starts_on -> Text,
        ends_on -> Nullable<Text>,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    quality_supervisors (id) {
        id -> Text,
        community_id -> Text,
        user_id -> Text,
        appointed_by -> Text,
        appointed_at -> Timestamp,
        revoked_by -> Nullable<Text>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    complaints (id) {
        id -> Text,
        community_id -> Text,
        submitted_by -> Text,
        dwelling_id -> Text,
        category -> Text,
        catalog_code -> Nullable<Text>,
        description -> Text,
        location_kind -> Text,
        building_id -> Nullable<Text>,
        unit_id -> Nullable<Text>,
        place -> Nullable<Text>,
        urgency -> Text,
        contact_me -> Bool,
        status -> Text,
        assignee -> Nullable<Text>,
        company_id -> Nullable<Text>,
        deadline_at -> Timestamp,
        first_response_at -> Nullable<Timestamp>,
        replied_at -> Nullable<Timestamp>,
        ever_late -> Bool,
        satisfied_count -> Integer,
        unsatisfied_count -> Integer,
        me_too_count -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        closed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    complaint_events (id) {
        id -> Text,
        complaint_id -> Text,
        action -> Text,
        from_status -> Nullable<Text>,
        to_status -> Text,
        actor_id -> Text,
        actor_role -> Text,
        note -> Nullable<Text>,
        at -> Timestamp,
    }
}

diesel::table! {
    complaint_me_too (complaint_id, user_id) {
        complaint_id -> Text,
        user_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    rating_periods (id) {
        id -> Text,
        district_id -> Text,
        name -> Text,
        opens_at -> Timestamp,
        closes_at -> Timestamp,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    ratings (id) {
        id -> Text,
        period_id -> Text,
        dwelling_id -> Text,
        community_id -> Text,
        company_id -> Text,
        user_id -> Text,
        security -> Integer,
        cleaning -> Integer,
        greening -> Integer,
        repairs -> Integer,
        fees -> Integer,
        attitude -> Integer,
        comment -> Nullable<Text>,
        revisions -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    rating_replies (id) {
        id -> Text,
        period_id -> Text,
        company_id -> Text,
        text -> Text,
        user_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    demand_lists (consultation_id) {
        consultation_id -> Text,
        community_id -> Text,
        district_id -> Text,
        published_at -> Timestamp,
        body -> Text,
    }
}

diesel::table! {
    demand_items (consultation_id, item_id) {
        consultation_id -> Text,
        item_id -> Text,
        community_id -> Text,
        district_id -> Text,
        code -> Text,
        name -> Text,
        category -> Text,
        approved -> Bool,
        passed_instances -> BigInt,
        instances -> BigInt,
        support_heads -> BigInt,
        support_area -> BigInt,
        oppose_heads -> BigInt,
        oppose_area -> BigInt,
        abstain_heads -> BigInt,
        abstain_area -> BigInt,
        participating_heads -> BigInt,
        participating_area -> BigInt,
        total_heads -> BigInt,
        total_area -> BigInt,
        priority_score -> BigInt,
        copay_willing -> BigInt,
    }
}

diesel::table! {
    notices (id) {
        id -> Text,
        community_id -> Text,
        title -> Text,
        body -> Text,
        pinned -> Bool,
        visible_from -> Timestamp,
        visible_until -> Nullable<Timestamp>,
        source -> Text,
        consultation_id -> Nullable<Text>,
        author_id -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        withdrawn_at -> Nullable<Timestamp>,
        withdrawn_reason -> Nullable<Text>,
    }
}

diesel::table! {
    notice_reads (notice_id, user_id) {
        notice_id -> Text,
        user_id -> Text,
        read_at -> Timestamp,
    }
}

diesel::table! {
    wechat_tokens (appid) {
        appid -> Text,
        access_token -> Text,
        expires_at -> Timestamp,
        fetched_at -> Timestamp,
    }
}

diesel::table! {
    message_grants (user_id, kind) {
        user_id -> Text,
        kind -> Text,
        remaining -> Integer,
        stopped_at -> Nullable<Timestamp>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    outbox (id) {
        id -> Text,
        user_id -> Text,
        kind -> Text,
        dedupe -> Text,
        fields -> Text,
        state -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    leases (name) {
        name -> Text,
        holder -> Text,
        until -> Timestamp,
    }
}

diesel::joinable!(ballot_versions -> ballots (ballot_id));
diesel::joinable!(property_contracts -> property_companies (company_id));
diesel::joinable!(complaint_events -> complaints (complaint_id));
diesel::table! {
    projects (id) {
        id -> Text,
        community_id -> Text,
        consultation_id -> Text,
        title -> Text,
        phase -> Text,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    project_phases (id) {
        id -> Text,
        project_id -> Text,
        phase -> Text,
        started_at -> Timestamp,
        started_by -> Nullable<Text>,
        ended_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    designs (id) {
        id -> Text,
        project_id -> Text,
        version -> Integer,
        note -> Text,
        state -> Text,
        submitted_by -> Text,
        submitted_at -> Timestamp,
    }
}

diesel::table! {
    design_measures (id) {
        id -> Text,
        design_id -> Text,
        position -> Integer,
        key -> Text,
        title -> Text,
        description -> Text,
        estimated_cost_cents -> Nullable<BigInt>,
        resident_share_bp -> Nullable<Integer>,
        targets -> Text,
        unlinked_reason -> Nullable<Text>,
        refs -> Text,
    }
}

diesel::table! {
    measure_items (measure_id, item_id) {
        measure_id -> Text,
        item_id -> Text,
    }
}

diesel::table! {
    representatives (id) {
        id -> Text,
        community_id -> Text,
        user_id -> Text,
        dwelling_id -> Text,
        seat -> Text,
        building_id -> Text,
        unit_id -> Nullable<Text>,
        appointed_by -> Text,
        appointed_at -> Timestamp,
        revoked_by -> Nullable<Text>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    design_reviews (id) {
        id -> Text,
        design_id -> Text,
        opened_by -> Text,
        opened_at -> Timestamp,
        outcome -> Nullable<Text>,
        reason -> Nullable<Text>,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    review_panel (review_id, representative_id) {
        review_id -> Text,
        representative_id -> Text,
        user_id -> Text,
        label -> Text,
    }
}

diesel::table! {
    review_opinions (id) {
        id -> Text,
        review_id -> Text,
        measure_id -> Text,
        representative_id -> Text,
        opinion -> Text,
        comment -> Nullable<Text>,
        given_at -> Timestamp,
    }
}

diesel::table! {
    design_notices (design_id) {
        design_id -> Text,
        notice_id -> Text,
        opens_at -> Timestamp,
        closes_at -> Timestamp,
        approved_by -> Nullable<Text>,
        approved_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    design_objections (id) {
        id -> Text,
        design_id -> Text,
        measure_id -> Text,
        user_id -> Text,
        dwelling_id -> Text,
        text -> Text,
        created_at -> Timestamp,
        answer -> Nullable<Text>,
        answered_by -> Nullable<Text>,
        answered_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    project_parties (project_id, party) {
        project_id -> Text,
        party -> Text,
        name -> Text,
        contact_user_id -> Nullable<Text>,
        named_by -> Text,
        named_at -> Timestamp,
    }
}

diesel::table! {
    works_notices (id) {
        id -> Text,
        project_id -> Text,
        measure_id -> Text,
        kind -> Text,
        source -> Text,
        complaint_id -> Nullable<Text>,
        responsible -> Text,
        problem -> Text,
        deadline -> Timestamp,
        issued_by -> Text,
        issued_at -> Timestamp,
        plan -> Nullable<Text>,
        plan_by -> Nullable<Text>,
        plan_at -> Nullable<Timestamp>,
        closed_by -> Nullable<Text>,
        closed_at -> Nullable<Timestamp>,
        close_note -> Nullable<Text>,
    }
}

diesel::table! {
    works_milestones (measure_id, milestone) {
        measure_id -> Text,
        milestone -> Text,
        project_id -> Text,
        note -> Text,
        posted_by -> Text,
        posted_at -> Timestamp,
    }
}

diesel::table! {
    acceptance_ratings (id) {
        id -> Text,
        project_id -> Text,
        measure_id -> Text,
        dwelling_id -> Text,
        user_id -> Text,
        level -> Text,
        comment -> Nullable<Text>,
        rated_at -> Timestamp,
    }
}

diesel::table! {
    project_acceptances (id) {
        id -> Text,
        project_id -> Text,
        decision -> Text,
        reason -> Text,
        figures -> Text,
        decided_by -> Text,
        decided_at -> Timestamp,
    }
}

diesel::joinable!(design_measures -> designs (design_id));
diesel::joinable!(measure_items -> design_measures (measure_id));
diesel::joinable!(designs -> projects (project_id));

diesel::allow_tables_to_appear_in_same_query!(
    proxies,
    districts,
    users,
    communities,
    role_grants,
    refresh_tokens,
    buildings,
    units,
    dwellings,
    bindings,
    audit_log,
    audit_chains,
    catalog_items,
    consultations,
    consultation_items,
    electorate,
    tally_cells,
    ballots,
    ballot_versions,
    bulletin,
    objections,
    uploads,
    held_texts,
    idempotency_keys,
    tally_results,
    property_companies,
    property_contracts,
    quality_supervisors,
    complaints,
    complaint_events,
    complaint_me_too,
    rating_periods,
    ratings,
    rating_replies,
    demand_lists,
    demand_items,
    notices,
    notice_reads,
    wechat_tokens,
    message_grants,
    outbox,
    leases,
    projects,
    project_phases,
    designs,
    design_measures,
    measure_items,
    representatives,
    design_reviews,
    review_panel,
    review_opinions,
    design_notices,
    design_objections,
    project_parties,
    works_notices,
    works_milestones,
    acceptance_ratings,
    project_acceptances,
);

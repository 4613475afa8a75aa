{#-
    One row per status-sheet row (seed hal_expected_runs) with status
    Uploaded, normalised as HAL-09 says: the exact model, benchmark and
    agent maps of seed hal_status_name_maps, then every -low, -high and
    -medium in the model replaced by " low", " high", " medium", then
    HAL-07 (seeds hal_model_exclude_*: an excluded model's row is kept with
    is_excluded_model true and is not checked). config_key is built as the
    runs build it (`<scaffold>/<model>`).
-#}

with

expected_runs as (
    select
        sheet_row,
        benchmark,
        agent,
        model,
        status
    from {{ ref('hal_expected_runs') }}
),

status_name_maps as (
    select
        name_kind,
        raw_name,
        canonical_name
    from {{ ref('hal_status_name_maps') }}
),

model_exclude_substrings as (
    select substring
    from {{ ref('hal_model_exclude_substrings') }}
),

model_exclude_exact as (
    select model
    from {{ ref('hal_model_exclude_exact') }}
),

model_maps as (
    select
        raw_name,
        canonical_name
    from status_name_maps
    where name_kind = 'model'
),

benchmark_maps as (
    select
        raw_name,
        canonical_name
    from status_name_maps
    where name_kind = 'benchmark'
),

agent_maps as (
    select
        raw_name,
        canonical_name
    from status_name_maps
    where name_kind = 'agent'
),

rows_mapped as (
    select
        expected_runs.sheet_row,
        expected_runs.benchmark as benchmark_raw,
        expected_runs.agent as agent_raw,
        expected_runs.model as model_raw,
        coalesce(benchmark_maps.canonical_name, expected_runs.benchmark)
            as benchmark_name,
        coalesce(agent_maps.canonical_name, expected_runs.agent) as scaffold,
        replace(
            replace(
                replace(
                    coalesce(model_maps.canonical_name, expected_runs.model),
                    '-low', ' low'
                ),
                '-high', ' high'
            ),
            '-medium', ' medium'
        ) as model
    from expected_runs
    left join model_maps
        on expected_runs.model = model_maps.raw_name
    left join benchmark_maps
        on expected_runs.benchmark = benchmark_maps.raw_name
    left join agent_maps
        on expected_runs.agent = agent_maps.raw_name
    where expected_runs.status = 'Uploaded'
),

excluded_rows as (
    select rows_mapped.sheet_row
    from rows_mapped
    inner join model_exclude_substrings
        on
            strpos(
                lower(rows_mapped.model),
                lower(model_exclude_substrings.substring)
            ) > 0
    union
    select rows_mapped.sheet_row
    from rows_mapped
    inner join model_exclude_exact
        on rows_mapped.model = model_exclude_exact.model
),

final as (
    select
        -- ids
        rows_mapped.sheet_row,
        rows_mapped.scaffold || '/' || rows_mapped.model as config_key,
        -- strings
        rows_mapped.benchmark_name,
        rows_mapped.scaffold,
        rows_mapped.model,
        rows_mapped.benchmark_raw,
        rows_mapped.agent_raw,
        rows_mapped.model_raw,
        -- booleans
        excluded_rows.sheet_row is not null as is_excluded_model
    from rows_mapped
    left join excluded_rows
        on rows_mapped.sheet_row = excluded_rows.sheet_row
)

select * from final

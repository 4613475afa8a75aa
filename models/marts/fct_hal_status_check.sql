with

status_check as (
    select
        status_check_id,
        run_id,
        config_key,
        sheet_row,
        check_name,
        rule_id,
        benchmark_name,
        scaffold,
        model,
        detail,
        n_runs
    from {{ ref('int_hal__status_check') }}
),

final as (
    select
        -- ids
        cast(status_check_id as varchar) as status_check_id,
        cast(run_id as varchar) as run_id,
        cast(config_key as varchar) as config_key,
        cast(sheet_row as bigint) as sheet_row,
        -- strings
        cast(check_name as varchar) as check_name,
        cast(rule_id as varchar) as rule_id,
        cast(benchmark_name as varchar) as benchmark,
        cast(scaffold as varchar) as scaffold,
        cast(model as varchar) as model,
        cast(detail as varchar) as detail,
        -- numbers
        cast(n_runs as bigint) as n_runs
    from status_check
)

select * from final
